#pragma once
#include <boost/asio/awaitable.hpp>

#include "platform/db/database.hpp"

// Demo earn programme for `superapp seed`: projects across categories and types (one bound to a
// city, one paused), and completions of the demo user: pending, rejected and approved ones, the
// approved ones reviewed like any other (reward reserved, wallet credited through the ledger, a
// notification). The demo users must exist.
namespace superapp::features::earn::demo {

/// Whether any earn project exists. Shard thread; throws DbError.
boost::asio::awaitable<bool> has_data(platform::db::Database& db);
/// Inserts the demo projects and completions in one transaction; returns the rows written.
/// Shard thread; throws DbError.
boost::asio::awaitable<long> load(platform::db::Database& db);

}  // namespace superapp::features::earn::demo
