#pragma once
// The orders' wallet movements, each a ledger row written inside the order's transaction: paying a
// wallet order, refunding a cancelled paid order, holding the cashback of a delivered one (and
// reversing it when the order is cancelled while it is held).
#include <boost/asio/awaitable.hpp>
#include <optional>

#include "features/orders/model.hpp"
#include "platform/db/database.hpp"
#include "platform/realtime/event_bus.hpp"

namespace superapp::features::orders {

/// A posted movement's wallet_update event, to publish after commit.
using WalletEvent = platform::realtime::Event;

/// Debits the order's total (type spending, source order). Throws ApiError 409
/// INSUFFICIENT_BALANCE when the balance is smaller. Shard thread.
boost::asio::awaitable<WalletEvent> pay_in(platform::db::Tx& tx, const Order& order);
/// Credits the order's total back (type refund, source order). Shard thread.
boost::asio::awaitable<WalletEvent> refund_in(platform::db::Tx& tx, const Order& order);
/// Holds the order's cashback (type cashback, source cashback) until `release_at`, when the wallet's
/// release job makes it spendable; nothing when it is zero. Shard thread.
boost::asio::awaitable<std::optional<WalletEvent>> cashback_in(platform::db::Tx& tx, const Order& order,
                                                               Timestamp release_at);
/// Reverses the order's cashback that is still held; nothing when none is. Call before any other
/// wallet movement of the transaction (holds are locked before wallets). Shard thread.
boost::asio::awaitable<std::optional<WalletEvent>> reverse_cashback_in(platform::db::Tx& tx, const Order& order);

}  // namespace superapp::features::orders
