#pragma once
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace superapp::platform::db {

/// A database failure. `what()` carries the detail for the log; it is never shown to a client.
struct DbError : std::runtime_error {
    enum class Kind {
        unavailable,    ///< no connection, connection lost, server shutting down, pool exhausted (-> 503)
        timeout,        ///< statement_timeout or the client deadline (-> 503)
        serialization,  ///< 40001 / 40P01: the transaction may succeed if run again
        constraint,     ///< SQLSTATE class 23 (23505 unique, 23503 foreign key, ...): see `sqlstate`
        query,          ///< any other error the server reported for the statement
        decode,         ///< a column read as the wrong type, or NULL read as a value
    };

    DbError(Kind kind, const std::string& message, std::string sqlstate = {}, std::string constraint = {})
        : std::runtime_error(message), kind(kind), sqlstate(std::move(sqlstate)), constraint(std::move(constraint)) {}

    Kind kind;
    std::string sqlstate;    ///< five characters from the server, or empty for client-side failures
    std::string constraint;  ///< the violated constraint's name, when the server names one

    /// True for 23505 (unique_violation), the one SQLSTATE most repositories translate.
    bool unique_violation() const noexcept { return sqlstate == "23505"; }
};

/// Returns the kind a server error with this SQLSTATE is reported as. Pure; any thread.
DbError::Kind kind_for_sqlstate(std::string_view sqlstate);
/// Returns true when this SQLSTATE means the session is gone (shutdown, crash, connection exception).
bool is_connection_lost(std::string_view sqlstate);
/// Returns "unavailable", "timeout", ... for logs and metrics labels. Pure; any thread.
std::string_view to_string(DbError::Kind kind);

}  // namespace superapp::platform::db
