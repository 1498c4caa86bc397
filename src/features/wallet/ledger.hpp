#pragma once
// The wallet ledger as other features use it (orders pay and refund, earn pays rewards, orders hold
// cashback until it may be spent). Every balance change is one ledger row written in the caller's transaction together
// with the change of the wallet's figures; nothing here commits. Publish wallet_update_event() of the
// returned entry after the caller's transaction has committed.
#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "platform/core/money.hpp"
#include "platform/core/time.hpp"
#include "platform/db/database.hpp"
#include "platform/realtime/event_bus.hpp"

namespace superapp::features::wallet {

/// A wallet's figures. `pending` is cashback held until it may be spent (not part of the balance).
struct Figures {
    platform::core::Money balance;
    platform::core::Money total_earned;
    platform::core::Money total_spent;
    platform::core::Money pending;
};

/// The Transactions collection's `type`.
enum class EntryType { earning, spending, refund, withdrawal, cashback, adjustment };
/// The Transactions collection's `status`. Only a row's status ever changes after it is written.
enum class EntryStatus { pending, completed, failed };

/// What a row is about: `type` one of "project", "order", "referral", "cashback", "withdrawal",
/// "adjustment"; `reference` the 24-hex id of that document.
struct Source {
    std::string type;
    std::string reference;
};

/// A change to post. `amount` is positive; the entry type says whether it credits or debits.
struct Change {
    std::string user_id;
    EntryType type = EntryType::earning;
    platform::core::Money amount;
    Source source;
    std::string description;
    boost::json::object metadata;
    EntryStatus status = EntryStatus::completed;
};

/// A ledger row, with the wallet's figures right after it was written.
struct Entry {
    std::string id;
    std::string user_id;
    EntryType type = EntryType::earning;
    platform::core::Money amount;
    std::string description;
    Source source;
    EntryStatus status = EntryStatus::completed;
    platform::core::Money balance_before;
    platform::core::Money balance_after;
    boost::json::object metadata;
    std::optional<platform::core::Timestamp> processed_at;
    platform::core::Timestamp created_at;
    /// Posts to the held cashback (`pending`) rather than the balance: balance_before/after are the held
    /// total's. A held credit (a hold) carries release_at, when it becomes spendable.
    bool held = false;
    std::optional<platform::core::Timestamp> release_at;
    Figures wallet;  ///< the wallet right after this row
};

/// Posts changes inside a caller's transaction. Shard thread; throws DbError.
class Ledger {
  public:
    /// Adds the amount to the user's balance (types earning, refund, cashback, adjustment) and
    /// writes the row. earning and cashback also add to totalEarned.
    static boost::asio::awaitable<Entry> credit_in(platform::db::Tx& tx, Change change);
    /// Takes the amount from the user's balance (types spending, withdrawal, adjustment) and writes
    /// the row; spending also adds to totalSpent. Throws ApiError 409 INSUFFICIENT_BALANCE, leaving
    /// the balance unchanged, when the balance is smaller than the amount: the balance never goes
    /// below zero, whatever runs at the same time.
    static boost::asio::awaitable<Entry> debit_in(platform::db::Tx& tx, Change change);

    /// Holds cashback: a pending held credit (type cashback) that adds to the wallet's `pending`, not
    /// to its balance, until release_in() moves it after `release_at`.
    static boost::asio::awaitable<Entry> hold_in(platform::db::Tx& tx, Change change,
                                                 platform::core::Timestamp release_at);
    /// Releases the pending hold `hold_id`: it becomes completed, a held debit takes it out of
    /// `pending` and a cashback credit adds it to the balance (and totalEarned). Returns that credit;
    /// nullopt when the hold is not pending any more (released or reversed by someone else first).
    static boost::asio::awaitable<std::optional<Entry>> release_in(platform::db::Tx& tx, const std::string& hold_id);
    /// Reverses the pending hold of `source_reference` (an order): it becomes failed and a held debit
    /// takes it out of `pending`. Returns that debit; nullopt when nothing is held for it any more.
    static boost::asio::awaitable<std::optional<Entry>> reverse_hold_in(platform::db::Tx& tx,
                                                                        const std::string& source_reference,
                                                                        std::string description);
};

/// The `wallet_update` event for the entry's user, with the figures after it. Pure.
platform::realtime::Event wallet_update_event(const Entry& entry);

}  // namespace superapp::features::wallet
