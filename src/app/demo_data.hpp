#pragma once
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

#include "platform/db/database.hpp"

namespace superapp::app {

/// What `superapp seed` was asked for.
struct SeedOptions {
    std::uint64_t seed = 1;  ///< --seed N: the random generator's seed
    long products = 0;       ///< --scale N: this many products; 0 (--scale small): the small set
    std::filesystem::path upload_dir = "var/uploads";  ///< UPLOAD_DIR: where demo images and videos are written
};

/// One feature's demo data for `superapp seed`.
struct DemoData {
    std::string_view feature;
    /// Whether the feature's tables already hold rows.
    boost::asio::awaitable<bool> (*has_data)(platform::db::Database&);
    /// Inserts the demo rows in one transaction; returns how many rows it wrote.
    boost::asio::awaitable<long> (*load)(platform::db::Database&, const SeedOptions&);
};

/// Every enabled feature's demo data, in dependency order (users before stores before products).
const std::vector<DemoData>& demo_data();

}  // namespace superapp::app
