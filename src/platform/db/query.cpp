#include "platform/db/query.hpp"

#include <functional>
#include <mutex>
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

// The texts shaped_query has named. Node-based: a key and its name never move once inserted, so the
// views handed out stay valid for the life of the process.
struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
struct Shapes {
    std::mutex mutex;
    std::unordered_map<std::string, std::string, TextHash, std::equal_to<>> names;
};

Shapes& shapes() {
    static Shapes all;
    return all;
}

}  // namespace

Query shaped_query(std::string_view label, std::string_view text) {
    if (label.size() > 40) throw std::logic_error("shaped query label longer than 40 bytes");
    Shapes& all = shapes();
    const std::lock_guard lock(all.mutex);
    auto it = all.names.find(text);
    if (it == all.names.end()) {
        if (all.names.size() >= kMaxShapes) return Query{{}, text};
        const std::string name = std::string(label) + "#" + std::to_string(all.names.size() + 1);
        it = all.names.emplace(std::string(text), name).first;
    }
    return Query{it->second, it->first};
}

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
