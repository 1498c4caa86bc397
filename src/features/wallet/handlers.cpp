#include "features/wallet/handlers.hpp"

#include "platform/core/cursor.hpp"
#include "platform/core/validation.hpp"

namespace superapp::features::wallet {

namespace asio = boost::asio;
namespace json = boost::json;
using platform::core::QueryValidator;
using platform::http::Request;
using platform::http::Response;

namespace {

const std::string& user_id(const Request& req) { return req.principal->user_id; }

template <class Page, class ToJson>
Response page_json(const Page& page, ToJson to_json) {
    json::array items;
    items.reserve(page.items.size());
    for (const auto& item : page.items) items.emplace_back(to_json(item));
    return Response::private_json(
        json::object{{"items", std::move(items)},
                     {"nextCursor", page.next_cursor ? json::value(*page.next_cursor) : json::value(nullptr)}});
}

// The cursor is checked here too, so that a bad one is reported with the other bad fields.
std::optional<std::string> read_cursor(QueryValidator& v) {
    auto cursor = v.optional_string("cursor", {.min = 1, .max = 200});
    if (cursor && !platform::core::decode_cursor(*cursor)) v.fail("cursor", "must be a cursor from a previous page");
    return cursor;
}

// `to` names the last day (or moment) included: a date includes that whole day.
std::optional<platform::core::Timestamp> end_of(const Request& req, std::optional<platform::core::Timestamp> to) {
    if (!to) return std::nullopt;
    const bool whole_day = req.query_value("to").value_or("").size() == 10;  // YYYY-MM-DD
    return whole_day ? *to + std::chrono::days(1) : *to + std::chrono::microseconds(1);
}

asio::awaitable<Response> balance(WalletService& wallet, Request& req) {
    const Balance b = co_await wallet.balance(user_id(req));
    co_return Response::private_json(json::object{{"balance", b.figures.balance.to_json()},
                                                  {"pending", b.figures.pending.to_json()},
                                                  {"totalEarned", b.figures.total_earned.to_json()},
                                                  {"totalSpent", b.figures.total_spent.to_json()},
                                                  {"pendingWithdrawals", b.pending_withdrawals.to_json()},
                                                  {"currency", "INR"}});
}

asio::awaitable<Response> transactions(WalletService& wallet, Request& req) {
    QueryValidator v(req.query);
    EntryFilter filter;
    filter.type = v.optional_enum("type", {"earning", "spending", "refund", "withdrawal", "cashback", "adjustment"});
    filter.status = v.optional_enum("status", {"pending", "completed", "failed"});
    filter.from = v.optional_timestamp("from");
    filter.before = end_of(req, v.optional_timestamp("to"));
    if (filter.from && filter.before && *filter.before <= *filter.from) v.fail("to", "must not be before from");
    filter.limit = static_cast<int>(v.optional_int("limit", 1, 100).value_or(20));
    filter.cursor = read_cursor(v);
    v.finish();
    const EntryPage page = co_await wallet.transactions(user_id(req), filter);
    co_return page_json(page, entry_json);
}

asio::awaitable<Response> withdraw(WalletService& wallet, Request& req) {
    WithdrawalRequest request = read_withdrawal(req.json, wallet.settings().min_withdrawal);
    const Withdrawal w = co_await wallet.withdraw(user_id(req), std::move(request));
    co_return Response::private_json(withdrawal_json(w), 201);
}

asio::awaitable<Response> list_withdrawals(WalletService& wallet, Request& req) {
    QueryValidator v(req.query);
    WithdrawalFilter filter;
    filter.status = v.optional_enum("status", {"pending", "completed", "failed"});
    filter.limit = static_cast<int>(v.optional_int("limit", 1, 100).value_or(20));
    filter.cursor = read_cursor(v);
    v.finish();
    const WithdrawalPage page = co_await wallet.withdrawals(filter);
    co_return page_json(page, withdrawal_json);
}

asio::awaitable<Response> decide_withdrawal(WalletService& wallet, Request& req) {
    Decision decision = read_decision(req.json);
    const Withdrawal w =
        co_await wallet.decide(req.principal->user_id, std::string(req.param("id")), std::move(decision));
    co_return Response::private_json(withdrawal_json(w));
}

asio::awaitable<Response> adjust(WalletService& wallet, Request& req) {
    Adjustment adjustment = read_adjustment(req.json);
    const Entry entry = co_await wallet.adjust(user_id(req), std::move(adjustment));
    co_return Response::private_json(entry_json(entry), 201);
}

}  // namespace

Handler handle_balance(WalletService& wallet) {
    return [&wallet](Request& req) { return balance(wallet, req); };
}
Handler handle_transactions(WalletService& wallet) {
    return [&wallet](Request& req) { return transactions(wallet, req); };
}
Handler handle_withdraw(WalletService& wallet) {
    return [&wallet](Request& req) { return withdraw(wallet, req); };
}
Handler handle_list_withdrawals(WalletService& wallet) {
    return [&wallet](Request& req) { return list_withdrawals(wallet, req); };
}
Handler handle_decide_withdrawal(WalletService& wallet) {
    return [&wallet](Request& req) { return decide_withdrawal(wallet, req); };
}
Handler handle_adjust(WalletService& wallet) {
    return [&wallet](Request& req) { return adjust(wallet, req); };
}

}  // namespace superapp::features::wallet
