#include "platform/http/middleware/etag.hpp"

#include <cstdint>
#include <cstdio>

namespace superapp::platform::http::middleware {
namespace {

// FNV-1a 64: a weak validator needs speed and a spread, not collision resistance.
std::uint64_t fnv1a(std::string_view data) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (unsigned char c : data) {
        hash ^= c;
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

bool if_none_match_has(std::string_view header, std::string_view tag) {
    if (header == "*") return true;
    // Weak comparison: W/"x" matches "x", whichever side is weak.
    const std::string_view opaque = tag.starts_with("W/") ? tag.substr(2) : tag;
    while (!header.empty()) {
        const std::size_t comma = header.find(',');
        std::string_view item = header.substr(0, comma);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (item.starts_with("W/")) item.remove_prefix(2);
        if (item == opaque) return true;
        if (comma == std::string_view::npos) break;
        header.remove_prefix(comma + 1);
    }
    return false;
}

}  // namespace

std::string weak_etag(std::string_view body) {
    char tag[32];
    std::snprintf(tag, sizeof tag, "W/\"%016llx\"", static_cast<unsigned long long>(fnv1a(body)));
    return tag;
}

void apply_etag(const Request& req, Response& res) {
    if ((req.method != Method::get && req.method != Method::head) || res.status != 200) return;
    // A streamed body is never read whole to hash it: its handler gives the ETag, or it has none.
    if (!res.headers.has("ETag")) {
        if (res.source) return;
        res.headers.set("ETag", weak_etag(res.body));
    }
    if (if_none_match_has(req.header("If-None-Match"), res.headers.get("ETag"))) {
        res.status = 304;
        res.clear_body();
        res.headers.remove("Content-Type");
    }
}

}  // namespace superapp::platform::http::middleware
