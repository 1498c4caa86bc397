#include "app/demo_data.hpp"

#include "features/catalog/demo_data.hpp"
#include "features/earn/demo_data.hpp"
#include "features/homepage/demo_data.hpp"
#include "features/users/demo_data.hpp"
#include "features/videos/demo_data.hpp"
#include "features/wallet/demo_data.hpp"

namespace superapp::app {

namespace {

boost::asio::awaitable<long> load_users(platform::db::Database& db, const SeedOptions&) {
    return features::users::demo::load(db);
}

boost::asio::awaitable<long> load_catalog(platform::db::Database& db, const SeedOptions& options) {
    return features::catalog::demo::load(
        db, {.seed = options.seed, .products = options.products, .upload_dir = options.upload_dir});
}

boost::asio::awaitable<long> load_wallets(platform::db::Database& db, const SeedOptions&) {
    return features::wallet::demo::load(db);
}

boost::asio::awaitable<long> load_earn(platform::db::Database& db, const SeedOptions&) {
    return features::earn::demo::load(db);
}

boost::asio::awaitable<long> load_videos(platform::db::Database& db, const SeedOptions& options) {
    return features::videos::demo::load(db, options.upload_dir);
}

boost::asio::awaitable<long> load_homepage(platform::db::Database& db, const SeedOptions&) {
    return features::homepage::demo::load(db);
}

}  // namespace

const std::vector<DemoData>& demo_data() {
    // Each feature that owns tables adds its entry here, in dependency order.
    static const std::vector<DemoData> all = {
        {"users", features::users::demo::has_data, load_users},
        {"catalog", features::catalog::demo::has_data, load_catalog},
        {"wallet", features::wallet::demo::has_data, load_wallets},
        {"earn", features::earn::demo::has_data, load_earn},
        {"videos", features::videos::demo::has_data, load_videos},
        {"homepage", features::homepage::demo::has_data, load_homepage},
    };
    return all;
}

}  // namespace superapp::app
