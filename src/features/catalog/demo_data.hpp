#pragma once
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "platform/db/database.hpp"

// Demo catalog for `superapp seed`: the category tree of the four types, stores around ten
// Indian cities (real centre coordinates and pincodes), products with variants, and reviews by
// the demo users. The same seed gives the same rows. Each category's icon and the one image the
// products of a category share are PNG files written into the upload directory (one per category,
// however many products), served at /uploads/.
namespace superapp::features::catalog::demo {

struct Options {
    std::uint64_t seed = 1;
    long products = 0;                                 ///< 0: the small default set
    std::filesystem::path upload_dir = "var/uploads";  ///< where the images go (UPLOAD_DIR)
};

/// Whether any category exists. Shard thread; throws DbError.
boost::asio::awaitable<bool> has_data(platform::db::Database& db);
/// Inserts the demo catalog (nothing when its ids are taken) in one transaction; returns the rows
/// written. Prints progress lines for big sets. Shard thread; throws DbError.
boost::asio::awaitable<long> load(platform::db::Database& db, Options options);

/// The ids of the first `count` active products of the category `slug`, oldest first: what other
/// features' demo data points at (none when the catalog has no such category). Shard thread;
/// throws DbError.
boost::asio::awaitable<std::vector<std::string>> product_ids(platform::db::Database& db, std::string slug, int count);

}  // namespace superapp::features::catalog::demo
