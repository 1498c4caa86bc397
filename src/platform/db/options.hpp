#pragma once
#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace superapp::platform::db {

/// Connection settings. In a Database, the connection counts are totals for the process, split evenly
/// between the shards (each shard gets at least one connection).
struct PoolOptions {
    std::string conninfo;  ///< libpq URI or key=value string; may hold a password: never log it
    int min_connections = 0;
    int max_connections = 10;
    std::chrono::milliseconds connect_timeout{3000};
    std::chrono::milliseconds acquire_timeout{2000};  ///< longest wait for a free connection
    std::chrono::milliseconds query_timeout{5000};    ///< statement_timeout; 0 disables it
    std::chrono::milliseconds idle_timeout{60000};    ///< idle connections beyond min are closed after this
    /// Settings (name, value) every session starts with, e.g. an extension's threshold the queries rely on.
    /// Names are [a-z_.]; values plain words or numbers.
    std::vector<std::pair<std::string, std::string>> session_settings;
};

/// A snapshot of connection counts, for /metrics.
struct PoolStats {
    int size = 0;     ///< open or opening connections
    int in_use = 0;   ///< lent out
    int idle = 0;     ///< open and free
    int waiting = 0;  ///< callers queued for a connection
};

}  // namespace superapp::platform::db
