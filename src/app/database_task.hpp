#pragma once
#include <boost/asio/awaitable.hpp>
#include <functional>

#include "platform/core/config.hpp"
#include "platform/db/database.hpp"

namespace superapp::app {

/// The connection settings for this configuration (DB_POOL_MAX is shared by all shards).
platform::db::PoolOptions pool_options(const platform::core::Config& config);

/// Runs one database task to completion on the calling thread with a private single-connection
/// database (for CLI commands and start-up checks). Returns the task's exit code; a database
/// failure is printed to stderr naming the (redacted) URL and gives exit code 1.
int run_database_task(const platform::core::Config& config,
                      std::function<boost::asio::awaitable<int>(platform::db::Database&)> task);

}  // namespace superapp::app
