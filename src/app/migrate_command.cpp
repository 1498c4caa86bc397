#include <cstdio>

#include "app/commands.hpp"
#include "app/database_task.hpp"
#include "platform/db/migrations.hpp"

namespace superapp::app {

namespace asio = boost::asio;

namespace {

asio::awaitable<int> print_status(platform::db::Database& db) {
    const auto status = co_await platform::db::migrations::status(db);
    for (const auto& name : status.applied) std::printf("applied  %s\n", name.c_str());
    for (const auto& name : status.pending) std::printf("pending  %s\n", name.c_str());
    for (const auto& name : status.changed) std::printf("EDITED   %s (applied, then changed)\n", name.c_str());
    for (const auto& name : status.unknown) std::printf("unknown  %s (applied, not in this binary)\n", name.c_str());
    co_return status.changed.empty() ? 0 : 1;
}

asio::awaitable<int> apply(platform::db::Database& db) {
    const auto applied = co_await platform::db::migrations::apply_pending(db);
    for (const auto& name : applied) std::printf("applied  %s\n", name.c_str());
    std::printf("%zu migration(s) applied; the schema is current\n", applied.size());
    co_return 0;
}

}  // namespace

int migrate_command(const platform::core::Config& config, bool status_only) {
    return run_database_task(config, status_only ? print_status : apply);
}

}  // namespace superapp::app
