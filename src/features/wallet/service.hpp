#pragma once
#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>
#include <vector>

#include "features/users/ports.hpp"
#include "features/users/service.hpp"
#include "features/wallet/input.hpp"
#include "features/wallet/ledger.hpp"
#include "features/wallet/model.hpp"
#include "features/wallet/repository.hpp"
#include "platform/db/database.hpp"
#include "platform/realtime/event_bus.hpp"

namespace superapp::features::wallet {

/// GET /wallet/balance: the figures and the money held by pending withdrawals.
struct Balance {
    Figures figures;
    platform::core::Money pending_withdrawals;
};

/// What GET /wallet/transactions asks for.
struct EntryFilter {
    std::optional<std::string> type;
    std::optional<std::string> status;
    std::optional<platform::core::Timestamp> from;    ///< created at or after
    std::optional<platform::core::Timestamp> before;  ///< created before
    std::optional<std::string> cursor;                ///< from the previous page's next_cursor
    int limit = 20;
};

struct EntryPage {
    std::vector<Entry> items;
    std::optional<std::string> next_cursor;
};

/// What GET /admin/wallet/withdrawals asks for.
struct WithdrawalFilter {
    std::optional<std::string> status;
    std::optional<std::string> cursor;
    int limit = 20;
};

struct WithdrawalPage {
    std::vector<Withdrawal> items;
    std::optional<std::string> next_cursor;
};

/// The users' wallets: figures, history, withdrawals and support's adjustments. Every change
/// publishes wallet_update after its transaction commits. Shard thread; throws DbError.
class WalletService final : public users::WalletFiguresSource {
  public:
    WalletService(platform::db::Database& db, platform::realtime::EventPublisher& events, users::UsersService& users,
                  Settings settings);

    /// The profile's figures (zero before the first ledger row).
    boost::asio::awaitable<users::WalletFigures> figures(const std::string& user_id) override;
    boost::asio::awaitable<Balance> balance(const std::string& user_id);
    /// The user's ledger rows newest first. Throws ApiError 422 naming "cursor" for a cursor this
    /// did not issue.
    boost::asio::awaitable<EntryPage> transactions(const std::string& user_id, const EntryFilter& filter);
    /// Takes the amount at once with a pending `withdrawal` row and records the request. Throws
    /// ApiError 409 INSUFFICIENT_BALANCE when the balance is smaller.
    boost::asio::awaitable<Withdrawal> withdraw(const std::string& user_id, WithdrawalRequest request);
    /// Withdrawals newest first (admin). Throws as transactions().
    boost::asio::awaitable<WithdrawalPage> withdrawals(const WithdrawalFilter& filter);
    /// Completes a pending withdrawal, or fails it and returns the money with a `refund` row.
    /// Throws ApiError 404 when there is no such withdrawal, 403 when it is the deciding admin's own, 409
    /// WITHDRAWAL_DECIDED when it is not pending any more.
    boost::asio::awaitable<Withdrawal> decide(const std::string& admin_id, const std::string& id, Decision decision);
    /// Posts support's correction as an `adjustment` row (by `admin_id`). Throws ApiError 422
    /// naming "user" when there is no such user, 403 for the admin's own wallet, 409 INSUFFICIENT_BALANCE for a debit
    /// larger than the balance.
    boost::asio::awaitable<Entry> adjust(const std::string& admin_id, Adjustment adjustment);

    /// Releases up to `limit` holds of cashback whose time has come (each in its own transaction) and
    /// sends wallet_update for each. Safe with several processes: a hold is released once.
    boost::asio::awaitable<void> release_due_holds(int limit = 500);

    const Settings& settings() const { return settings_; }

  private:
    platform::db::Database& db_;
    platform::realtime::EventPublisher& events_;
    users::UsersService& users_;
    WalletRepository repo_;
    Settings settings_;
};

}  // namespace superapp::features::wallet
