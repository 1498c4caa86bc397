#pragma once
#include <boost/asio/awaitable.hpp>
#include <cstdint>

#include "platform/db/database.hpp"

// Demo catalog for `superapp seed`: the category tree of the four types, stores around ten
// Indian cities (real centre coordinates and pincodes), products with variants, and reviews by
// the demo users. The same seed gives the same rows.
namespace superapp::features::catalog::demo {

struct Options {
    std::uint64_t seed = 1;
    long products = 0;  ///< 0: the small default set
};

/// Whether any category exists. Shard thread; throws DbError.
boost::asio::awaitable<bool> has_data(platform::db::Database& db);
/// Inserts the demo catalog (nothing when its ids are taken) in one transaction; returns the rows
/// written. Prints progress lines for big sets. Shard thread; throws DbError.
boost::asio::awaitable<long> load(platform::db::Database& db, Options options);

}  // namespace superapp::features::catalog::demo
