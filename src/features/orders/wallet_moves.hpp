#pragma once
// The orders' wallet movements, each a ledger row written inside the order's transaction: paying a
// wallet order, refunding a cancelled paid order, crediting the cashback of a delivered one.
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
/// Credits the order's cashback (type cashback, source cashback); nothing when it is zero. Shard thread.
boost::asio::awaitable<std::optional<WalletEvent>> cashback_in(platform::db::Tx& tx, const Order& order);

}  // namespace superapp::features::orders
