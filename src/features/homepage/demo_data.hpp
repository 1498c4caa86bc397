#pragma once
#include <boost/asio/awaitable.hpp>

#include "platform/db/database.hpp"

// Demo banners for `superapp seed`: a few offers on the home screen, open-ended and active.
namespace superapp::features::homepage::demo {

/// Whether any banner exists. Shard thread; throws DbError.
boost::asio::awaitable<bool> has_data(platform::db::Database& db);
/// Inserts the demo banners in one transaction; returns the rows written. Shard thread; throws DbError.
boost::asio::awaitable<long> load(platform::db::Database& db);

}  // namespace superapp::features::homepage::demo
