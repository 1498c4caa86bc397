#pragma once
#include <string_view>
#include <vector>

namespace superapp::platform::db {

/// One SQL file carried inside the binary (see cmake/embed_sql.cmake).
struct EmbeddedSql {
    std::string_view name;  ///< migration: "0001_init"; query: "<feature>.<file stem>"
    std::string_view text;
};

/// Every db/migrations/*.sql, sorted by name.
const std::vector<EmbeddedSql>& embedded_migrations();
/// Every src/features/*/sql/*.sql, sorted by path.
const std::vector<EmbeddedSql>& embedded_queries();

}  // namespace superapp::platform::db
