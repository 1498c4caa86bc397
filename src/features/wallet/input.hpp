#pragma once
// The wallet's request bodies and settings, read and checked. Pure: no I/O.
#include <boost/json/value.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "features/wallet/ledger.hpp"
#include "features/wallet/model.hpp"
#include "platform/core/env.hpp"
#include "platform/core/money.hpp"

namespace superapp::features::wallet {

struct Settings {
    platform::core::Money min_withdrawal = platform::core::Money::from_paise(100'00);
    std::chrono::milliseconds release_interval{60'000};  ///< how often held cashback that is due is released
};

/// WALLET_MIN_WITHDRAWAL: the smallest withdrawal in rupees ("100", "0.5"; default 100);
/// CASHBACK_RELEASE_MS: how often `serve` releases held cashback that is due (100 to 86400000; default
/// 60000). Throws ConfigError naming each invalid variable.
Settings load_settings(const platform::core::Env& env);

/// POST /wallet/withdraw: {amount, method: "upi", upiId} or {amount, method: "bank", accountNumber, ifsc,
/// accountHolder}.
struct WithdrawalRequest {
    platform::core::Money amount;
    Payout payout;
};

/// PUT /admin/wallet/withdrawals/:id: {status: "completed" | "failed", reason (required when failed)}.
struct Decision {
    EntryStatus status = EntryStatus::completed;
    std::optional<std::string> reason;
};

/// POST /admin/wallet/adjustments: {user, amount (signed rupees, not zero), reason}.
struct Adjustment {
    std::string user_id;
    platform::core::Money amount;  ///< negative: a debit
    std::string reason;
};

/// Whether the text is a UPI id: a handle of letters, digits, '.', '_' or '-' (2-256), '@', and
/// a provider of letters and digits starting with a letter (2-64). Pure.
bool valid_upi_id(std::string_view text);
/// Whether the text is an Indian bank account number: 9 to 18 digits. Pure.
bool valid_account_number(std::string_view text);
/// Whether the text is an IFSC: four capital letters, 0, six capital letters or digits. Pure.
bool valid_ifsc(std::string_view text);

/// Each reader throws ValidationFailed naming every invalid field.
WithdrawalRequest read_withdrawal(const boost::json::value& body, platform::core::Money minimum);
Decision read_decision(const boost::json::value& body);
Adjustment read_adjustment(const boost::json::value& body);

}  // namespace superapp::features::wallet
