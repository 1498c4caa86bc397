#pragma once
// The wallet's documents as the API shows them, and the names of their enumerations.
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "features/wallet/ledger.hpp"
#include "platform/core/money.hpp"
#include "platform/core/time.hpp"
#include "platform/realtime/event_bus.hpp"

namespace superapp::features::wallet {

/// Where a withdrawal is paid to: a UPI id, or a bank account (method "bank").
struct Payout {
    std::string method;  ///< "upi" or "bank"
    std::string upi_id;
    std::string account_number;
    std::string ifsc;
    std::string account_holder;
};

/// A withdrawal request (a row of `withdrawals`); its status uses the ledger's names.
struct Withdrawal {
    std::string id;
    std::string user_id;
    platform::core::Money amount;
    Payout payout;
    EntryStatus status = EntryStatus::pending;
    std::optional<std::string> reason;
    std::string transaction_id;  ///< the `withdrawal` ledger row that holds the money
    std::optional<platform::core::Timestamp> processed_at;
    platform::core::Timestamp created_at{};
    platform::core::Timestamp updated_at{};
};

/// "earning", "spending", ... Pure.
std::string_view type_name(EntryType type);
/// The type of that name, or nullopt. Pure.
std::optional<EntryType> parse_type(std::string_view name);
/// "pending", "completed", "failed". Pure.
std::string_view status_name(EntryStatus status);
/// The status of that name, or nullopt. Pure.
std::optional<EntryStatus> parse_status(std::string_view name);
/// Whether entries of this type add to the balance (adjustment: either way, so both say true). Pure.
bool may_credit(EntryType type);
/// Whether entries of this type take from the balance. Pure.
bool may_debit(EntryType type);

/// The seed's Transaction document: _id, user, type, amount, description, source{type, reference},
/// status, balanceBefore, balanceAfter, metadata, processedAt, createdAt; and `account` ("balance", or
/// "pending" for held cashback, whose balanceBefore/After are the held total's) with `releaseAt`. Pure.
boost::json::object entry_json(const Entry& entry);
/// A withdrawal: _id, user, amount, method, upiId, accountNumber, ifsc, accountHolder (null when not
/// that method), status, reason, transaction, processedAt, createdAt, updatedAt. Pure.
boost::json::object withdrawal_json(const Withdrawal& w);
/// The `wallet_update` event to room "user:<id>": {balance, pending, totalEarned, totalSpent, transaction}.
/// Pure.
platform::realtime::Event wallet_update(const Figures& figures, const Entry& entry);

}  // namespace superapp::features::wallet
