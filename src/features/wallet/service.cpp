#include "features/wallet/service.hpp"

#include <algorithm>

#include "platform/core/cursor.hpp"
#include "platform/core/log.hpp"
#include "platform/core/object_id.hpp"
#include "platform/http/api_error.hpp"

namespace superapp::features::wallet {

namespace asio = boost::asio;
using platform::core::Money;
using platform::core::ObjectId;
using platform::db::Tx;
using platform::http::ApiError;
using platform::realtime::Event;

namespace {

constexpr int kMaxLimit = 100;

std::string new_id() { return ObjectId::generate().to_string(); }

std::optional<platform::core::CreatedAtPosition> position_of(const std::optional<std::string>& cursor) {
    if (!cursor) return std::nullopt;
    auto position = platform::core::decode_cursor(*cursor);
    if (!position) throw ApiError::invalid_field("cursor", "must be a cursor from a previous page");
    return position;
}

// Asks for one row more than the page holds: its presence says a next page exists.
template <class T>
std::optional<std::string> trim_page(std::vector<T>& items, int asked) {
    if (static_cast<int>(items.size()) < asked) return std::nullopt;
    items.pop_back();
    return platform::core::encode_cursor({items.back().created_at, items.back().id});
}

std::string payout_description(const Payout& p) {
    if (p.method == "upi") return "Withdrawal to UPI " + p.upi_id;
    return "Withdrawal to bank account ending " + p.account_number.substr(p.account_number.size() - 4);
}

struct Withdrawn {
    Withdrawal withdrawal;
    Entry entry;
};

asio::awaitable<Withdrawn> withdraw_in(Tx& tx, const std::string& user_id, const WithdrawalRequest& request) {
    Withdrawal w;
    w.id = new_id();
    w.user_id = user_id;
    w.amount = request.amount;
    w.payout = request.payout;
    Change change{.user_id = user_id,
                  .type = EntryType::withdrawal,
                  .amount = request.amount,
                  .source = {"withdrawal", w.id},
                  .description = payout_description(request.payout),
                  .metadata = {{"method", request.payout.method}},
                  .status = EntryStatus::pending};
    Entry entry = co_await Ledger::debit_in(tx, std::move(change));
    w.transaction_id = entry.id;
    Withdrawal stored = co_await WalletRepository::insert_withdrawal(tx, w);
    co_return Withdrawn{std::move(stored), std::move(entry)};
}

struct Decided {
    Withdrawal withdrawal;
    std::vector<Event> events;
};

asio::awaitable<Decided> decide_in(Tx& tx, const std::string& id, const std::string& admin_id,
                                   const Decision& decision) {
    std::optional<Withdrawal> w =
        co_await WalletRepository::decide_withdrawal(tx, id, decision.status, decision.reason);
    if (!w) {
        const std::optional<Withdrawal> existing = co_await WalletRepository::find_withdrawal(tx, id);
        if (!existing) throw ApiError::not_found("no withdrawal with this id");
        throw ApiError::conflict("this withdrawal is already " + std::string(status_name(existing->status)),
                                 "WITHDRAWAL_DECIDED");
    }
    // Four eyes: nobody settles their own withdrawal (the throw rolls the decision back).
    if (w->user_id == admin_id) throw ApiError::forbidden("an admin does not settle their own withdrawal");
    const auto settled = co_await WalletRepository::settle_entry(tx, w->transaction_id, decision.status);
    if (!settled) throw std::runtime_error("a pending withdrawal's ledger row is not pending");
    Decided out{std::move(*w), {wallet_update(settled->second, settled->first)}};
    if (decision.status == EntryStatus::failed) {
        Change refund{.user_id = out.withdrawal.user_id,
                      .type = EntryType::refund,
                      .amount = out.withdrawal.amount,
                      .source = {"withdrawal", out.withdrawal.id},
                      .description = "Refund of a failed withdrawal",
                      .metadata = {{"reason", decision.reason.value_or("")}}};
        const Entry entry = co_await Ledger::credit_in(tx, std::move(refund));
        out.events.push_back(wallet_update_event(entry));
    }
    co_return out;
}

asio::awaitable<Entry> adjust_in(Tx& tx, const std::string& admin_id, const Adjustment& a) {
    const bool credit = a.amount > Money();
    Change change{.user_id = a.user_id,
                  .type = EntryType::adjustment,
                  .amount = credit ? a.amount : -a.amount,
                  .source = {"adjustment", new_id()},
                  .description = a.reason,
                  .metadata = {{"by", admin_id}}};
    if (credit) co_return co_await Ledger::credit_in(tx, std::move(change));
    co_return co_await Ledger::debit_in(tx, std::move(change));
}

}  // namespace

WalletService::WalletService(platform::db::Database& db, platform::realtime::EventPublisher& events,
                             users::UsersService& users, Settings settings)
    : db_(db), events_(events), users_(users), repo_(db), settings_(settings) {}

asio::awaitable<users::WalletFigures> WalletService::figures(const std::string& user_id) {
    const Balance b = co_await balance(user_id);
    co_return users::WalletFigures{b.figures.balance, b.figures.total_earned, b.figures.total_spent};
}

asio::awaitable<Balance> WalletService::balance(const std::string& user_id) {
    const auto [figures, pending] = co_await repo_.figures(user_id);
    co_return Balance{figures, pending};
}

asio::awaitable<EntryPage> WalletService::transactions(const std::string& user_id, const EntryFilter& filter) {
    EntryQuery query{.user_id = user_id,
                     .type = filter.type,
                     .status = filter.status,
                     .from = filter.from,
                     .before = filter.before,
                     .after = position_of(filter.cursor),
                     .limit = std::clamp(filter.limit, 1, kMaxLimit) + 1};
    EntryPage page;
    page.items = co_await repo_.list_entries(query);
    page.next_cursor = trim_page(page.items, query.limit);
    co_return page;
}

asio::awaitable<Withdrawal> WalletService::withdraw(const std::string& user_id, WithdrawalRequest request) {
    Withdrawn done = co_await db_.transaction(withdraw_in, user_id, std::move(request));
    events_.publish(wallet_update_event(done.entry));
    co_return std::move(done.withdrawal);
}

asio::awaitable<WithdrawalPage> WalletService::withdrawals(const WithdrawalFilter& filter) {
    WithdrawalQuery query{.status = filter.status,
                          .after = position_of(filter.cursor),
                          .limit = std::clamp(filter.limit, 1, kMaxLimit) + 1};
    WithdrawalPage page;
    page.items = co_await repo_.list_withdrawals(query);
    page.next_cursor = trim_page(page.items, query.limit);
    co_return page;
}

asio::awaitable<Withdrawal> WalletService::decide(const std::string& admin_id, const std::string& id,
                                                  Decision decision) {
    if (!ObjectId::is_valid(id)) throw ApiError::not_found("no withdrawal with this id");
    Decided done = co_await db_.transaction(decide_in, id, admin_id, std::move(decision));
    for (auto& event : done.events) events_.publish(std::move(event));
    co_return std::move(done.withdrawal);
}

asio::awaitable<void> WalletService::release_due_holds(int limit) {
    const std::vector<std::string> ids = co_await repo_.due_holds(limit);
    std::size_t released = 0;
    for (const auto& id : ids) {
        try {
            const std::optional<Entry> credit = co_await db_.transaction(Ledger::release_in, std::cref(id));
            if (!credit) continue;  // another process released it, or its order was cancelled first
            ++released;
            events_.publish(wallet_update_event(*credit));
        } catch (const std::exception& e) {
            platform::core::log::warn("held cashback not released", {{"hold", id}, {"error", e.what()}});
        }
    }
    if (released > 0) platform::core::log::info("held cashback released", {{"count", released}});
}

asio::awaitable<Entry> WalletService::adjust(const std::string& admin_id, Adjustment adjustment) {
    const auto user = co_await users_.find(adjustment.user_id);
    if (!user) throw ApiError::invalid_field("user", "names no user");
    // Four eyes: nobody adjusts their own wallet.
    if (adjustment.user_id == admin_id) throw ApiError::forbidden("an admin does not adjust their own wallet");
    Entry entry = co_await db_.transaction(adjust_in, admin_id, std::move(adjustment));
    events_.publish(wallet_update_event(entry));
    co_return entry;
}

}  // namespace superapp::features::wallet
