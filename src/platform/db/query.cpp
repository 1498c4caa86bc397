#include "platform/db/query.hpp"

#include <stdexcept>
#include <string>
#include <unordered_map>

#include "platform/db/embedded_sql.hpp"

namespace superapp::platform::db {
namespace {

// PostgreSQL truncates identifiers (statement names included) to NAMEDATALEN - 1 bytes.
constexpr std::size_t kMaxStatementName = 63;

const std::unordered_map<std::string_view, std::string_view>& query_index() {
    static const auto index = [] {
        std::unordered_map<std::string_view, std::string_view> all;
        for (const auto& q : embedded_queries()) all.emplace(q.name, q.text);
        return all;
    }();
    return index;
}

}  // namespace

Query named_query(std::string_view name) {
    const auto& index = query_index();
    const auto it = index.find(name);
    if (it == index.end()) throw std::logic_error("no embedded SQL query named \"" + std::string(name) + "\"");
    if (name.size() > kMaxStatementName) {
        throw std::logic_error("SQL query name longer than 63 bytes: \"" + std::string(name) + "\"");
    }
    return Query{it->first, it->second};
}

}  // namespace superapp::platform::db
