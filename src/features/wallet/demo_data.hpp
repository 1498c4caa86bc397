#pragma once
#include <boost/asio/awaitable.hpp>

#include "platform/db/database.hpp"

// Demo ledger rows for `superapp seed`: the demo user and merchant earn, spend and get cashback,
// always the same amounts, posted through the Ledger like any other change.
namespace superapp::features::wallet::demo {

/// Whether any ledger row exists. Shard thread; throws DbError.
boost::asio::awaitable<bool> has_data(platform::db::Database& db);
/// Posts the demo rows in one transaction unless the ledger has rows already; returns how many. Shard thread; throws
/// DbError.
boost::asio::awaitable<long> load(platform::db::Database& db);

}  // namespace superapp::features::wallet::demo
