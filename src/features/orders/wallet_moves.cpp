#include "features/orders/wallet_moves.hpp"

#include "features/wallet/ledger.hpp"

namespace superapp::features::orders {

namespace asio = boost::asio;
using wallet::EntryType;
using wallet::Ledger;

namespace {

wallet::Change change_of(const Order& order, EntryType type, Money amount, std::string source,
                         std::string description) {
    wallet::Change c;
    c.user_id = order.user_id;
    c.type = type;
    c.amount = amount;
    c.source = {std::move(source), order.id};
    c.description = std::move(description) + " " + order.order_number;
    c.metadata = {{"orderNumber", order.order_number}};
    return c;
}

}  // namespace

asio::awaitable<WalletEvent> pay_in(platform::db::Tx& tx, const Order& order) {
    const wallet::Entry entry =
        co_await Ledger::debit_in(tx, change_of(order, EntryType::spending, order.total, "order", "Payment for order"));
    co_return wallet::wallet_update_event(entry);
}

asio::awaitable<WalletEvent> refund_in(platform::db::Tx& tx, const Order& order) {
    const wallet::Entry entry =
        co_await Ledger::credit_in(tx, change_of(order, EntryType::refund, order.total, "order", "Refund of order"));
    co_return wallet::wallet_update_event(entry);
}

asio::awaitable<std::optional<WalletEvent>> cashback_in(platform::db::Tx& tx, const Order& order,
                                                        Timestamp release_at) {
    if (order.cashback.paise() <= 0) co_return std::nullopt;
    const wallet::Entry entry = co_await Ledger::hold_in(
        tx, change_of(order, EntryType::cashback, order.cashback, "cashback", "Cashback on order"), release_at);
    co_return wallet::wallet_update_event(entry);
}

asio::awaitable<std::optional<WalletEvent>> reverse_cashback_in(platform::db::Tx& tx, const Order& order) {
    const std::optional<wallet::Entry> entry =
        co_await Ledger::reverse_hold_in(tx, order.id, "Cashback reversed: order " + order.order_number + " cancelled");
    if (!entry) co_return std::nullopt;
    co_return wallet::wallet_update_event(*entry);
}

}  // namespace superapp::features::orders
