#pragma once
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "features/wallet/ledger.hpp"
#include "features/wallet/model.hpp"
#include "platform/core/cursor.hpp"
#include "platform/db/database.hpp"

namespace superapp::features::wallet {

/// A wallet right after a change: its figures and how many ledger rows it has (the new row's seq).
struct WalletState {
    Figures figures;
    std::int64_t entries = 0;
};

/// What a user's ledger page selects.
struct EntryQuery {
    std::string user_id;
    std::optional<std::string> type;
    std::optional<std::string> status;
    std::optional<platform::core::Timestamp> from;    ///< created at or after
    std::optional<platform::core::Timestamp> before;  ///< created before
    std::optional<platform::core::CreatedAtPosition> after;
    int limit = 20;
};

/// What the admin's withdrawal page selects.
struct WithdrawalQuery {
    std::optional<std::string> status;
    std::optional<platform::core::CreatedAtPosition> after;
    int limit = 20;
};

/// One wallet next to its ledger (verify.sql).
struct LedgerCheck {
    std::string user_id;
    bool has_wallet = false;
    Figures wallet;
    std::int64_t wallet_entries = 0;
    Figures ledger;
    std::int64_t ledger_entries = 0;
    platform::core::Money open_holds;  ///< the holds still pending, which the held total must equal
    platform::core::Money last_balance_after;
    platform::core::Money last_pending_after;  ///< the last held row's balance_after
    std::optional<std::string> first_break;    ///< the first row that does not follow its predecessor
};

/// The only code that runs the wallet's SQL. Shard thread; throws DbError.
class WalletRepository {
  public:
    explicit WalletRepository(platform::db::Database& db) : db_(db) {}

    /// Adds to the balance (and total_earned), creating the wallet if needed.
    static boost::asio::awaitable<WalletState> credit(platform::db::Tx& tx, const std::string& user_id,
                                                      platform::core::Money amount, platform::core::Money earned);
    /// Takes from the balance (adding `spent` to total_spent); nullopt when the balance is smaller.
    static boost::asio::awaitable<std::optional<WalletState>> debit(platform::db::Tx& tx, const std::string& user_id,
                                                                    platform::core::Money amount,
                                                                    platform::core::Money spent);
    /// Adds to the held cashback (pending), creating the wallet if needed.
    static boost::asio::awaitable<WalletState> hold(platform::db::Tx& tx, const std::string& user_id,
                                                    platform::core::Money amount);
    /// Takes from the held cashback; nullopt when less is held.
    static boost::asio::awaitable<std::optional<WalletState>> unhold(platform::db::Tx& tx, const std::string& user_id,
                                                                     platform::core::Money amount);
    /// Settles a pending hold by its id or (id unset) by its source reference, locking it; nullopt when
    /// there is no pending one.
    static boost::asio::awaitable<std::optional<Entry>> settle_hold(platform::db::Tx& tx,
                                                                    const std::optional<std::string>& id,
                                                                    const std::optional<std::string>& source_reference,
                                                                    EntryStatus status);
    /// Up to `limit` ids of pending holds whose release time has passed, oldest first.
    boost::asio::awaitable<std::vector<std::string>> due_holds(int limit);
    /// Writes the ledger row `entry` describes (its id, seq-th of the user, credit or debit).
    static boost::asio::awaitable<Entry> insert_entry(platform::db::Tx& tx, const Entry& entry, std::int64_t seq,
                                                      bool credit);
    /// Settles a pending row; nullopt when there is no pending row of that id. With its wallet's figures.
    static boost::asio::awaitable<std::optional<std::pair<Entry, Figures>>> settle_entry(platform::db::Tx& tx,
                                                                                         const std::string& id,
                                                                                         EntryStatus status);
    static boost::asio::awaitable<Withdrawal> insert_withdrawal(platform::db::Tx& tx, const Withdrawal& w);
    /// Sets a pending withdrawal's outcome; nullopt when it is not pending or not there.
    static boost::asio::awaitable<std::optional<Withdrawal>> decide_withdrawal(
        platform::db::Tx& tx, const std::string& id, EntryStatus status, const std::optional<std::string>& reason);
    static boost::asio::awaitable<std::optional<Withdrawal>> find_withdrawal(platform::db::Tx& tx,
                                                                             const std::string& id);

    /// The user's figures (zero without a wallet) and the sum of their pending withdrawals.
    boost::asio::awaitable<std::pair<Figures, platform::core::Money>> figures(const std::string& user_id);
    boost::asio::awaitable<std::vector<Entry>> list_entries(const EntryQuery& query);
    boost::asio::awaitable<std::vector<Withdrawal>> list_withdrawals(const WithdrawalQuery& query);
    /// Every wallet and every user with ledger rows, next to their ledger, in user id order.
    boost::asio::awaitable<std::vector<LedgerCheck>> check_all();

  private:
    platform::db::Database& db_;
};

}  // namespace superapp::features::wallet
