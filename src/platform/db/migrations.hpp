#pragma once
#include <boost/asio/awaitable.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "platform/db/database.hpp"
#include "platform/db/embedded_sql.hpp"

// Schema migrations: db/migrations/NNNN_name.sql, applied in name order, each in its own transaction,
// recorded with a checksum in schema_migrations.
namespace superapp::platform::db::migrations {

/// Where the database stands against the binary's migrations; each list in name order.
struct MigrationStatus {
    std::vector<std::string> applied;  ///< recorded in schema_migrations
    std::vector<std::string> pending;  ///< in the binary, not applied yet
    std::vector<std::string> changed;  ///< applied, but the binary's text differs: an error
    std::vector<std::string> unknown;  ///< applied, but not in this binary (a newer one ran): a warning
};

/// Thrown when an applied migration's text was edited afterwards; the message names it.
class MigrationError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Returns the lowercase hex SHA-256 of `text`. Pure; any thread.
std::string sha256_hex(std::string_view text);

/// Returns what is applied, pending, changed and unknown. Throws DbError. Shard thread.
boost::asio::awaitable<MigrationStatus> status(Database& db,
                                               const std::vector<EmbeddedSql>& migrations = embedded_migrations());

/// Applies every pending migration in name order, each in its own transaction under an advisory lock
/// (concurrent processes apply each once), and returns the names applied. Migration files may hold
/// several statements but no BEGIN/COMMIT. Throws MigrationError when an applied one was changed (before
/// applying anything), DbError when a migration fails (that one is rolled back; earlier ones stay).
/// Shard thread.
boost::asio::awaitable<std::vector<std::string>> apply_pending(
    Database& db, const std::vector<EmbeddedSql>& migrations = embedded_migrations());

}  // namespace superapp::platform::db::migrations
