#include "platform/db/error.hpp"

namespace superapp::platform::db {

bool is_connection_lost(std::string_view sqlstate) {
    return sqlstate.starts_with("08")  // connection_exception
           || sqlstate == "57P01"      // admin_shutdown
           || sqlstate == "57P02"      // crash_shutdown
           || sqlstate == "57P03"      // cannot_connect_now (starting up, recovery)
           || sqlstate == "57P05"      // idle_session_timeout
           || sqlstate == "25P03"      // idle_in_transaction_session_timeout
           || sqlstate == "53300";     // too_many_connections
}

DbError::Kind kind_for_sqlstate(std::string_view sqlstate) {
    using Kind = DbError::Kind;
    if (sqlstate == "40001" || sqlstate == "40P01") return Kind::serialization;
    if (sqlstate == "57014") return Kind::timeout;  // query_canceled: statement_timeout fired
    if (is_connection_lost(sqlstate)) return Kind::unavailable;
    if (sqlstate.starts_with("23")) return Kind::constraint;
    return Kind::query;
}

std::string_view to_string(DbError::Kind kind) {
    switch (kind) {
        case DbError::Kind::unavailable: return "unavailable";
        case DbError::Kind::timeout: return "timeout";
        case DbError::Kind::serialization: return "serialization";
        case DbError::Kind::constraint: return "constraint";
        case DbError::Kind::query: return "query";
        case DbError::Kind::decode: return "decode";
    }
    return "query";
}

}  // namespace superapp::platform::db
