#include <cstdio>

#include "app/commands.hpp"
#include "app/database_task.hpp"
#include "app/demo_data.hpp"
#include "features/media/service.hpp"
#include "platform/db/migrations.hpp"

namespace superapp::app {

namespace asio = boost::asio;

namespace {

asio::awaitable<int> seed(platform::db::Database& db, bool if_empty, SeedOptions options) {
    const auto status = co_await platform::db::migrations::status(db);
    if (!status.pending.empty()) {
        std::fprintf(stderr, "superapp seed: %zu pending migration(s): run 'superapp migrate' first\n",
                     status.pending.size());
        co_return 1;
    }
    if (if_empty) {
        for (const DemoData& data : demo_data()) {
            if (co_await data.has_data(db)) {
                std::printf("the database already holds %.*s data; nothing seeded\n",
                            static_cast<int>(data.feature.size()), data.feature.data());
                co_return 0;
            }
        }
    }
    long total = 0;
    for (const DemoData& data : demo_data()) {
        const long rows = co_await data.load(db, options);
        std::printf("seeded %-14.*s %ld rows\n", static_cast<int>(data.feature.size()), data.feature.data(), rows);
        total += rows;
    }
    std::printf("%zu feature(s) seeded, %ld rows in all\n", demo_data().size(), total);
    co_return 0;
}

}  // namespace

int seed_command(const platform::core::Config& config, bool if_empty, SeedOptions options) {
    // The demo files go where `serve` of the same configuration serves uploads from.
    try {
        options.upload_dir = features::media::load_settings(config.env).upload_dir;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "superapp seed: %s\n", e.what());
        return 1;
    }
    return run_database_task(config,
                             [if_empty, options](platform::db::Database& db) { return seed(db, if_empty, options); });
}

}  // namespace superapp::app
