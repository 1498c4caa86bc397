#include "features/videos/rules.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "platform/core/base64.hpp"
#include "platform/core/object_id.hpp"

namespace superapp::features::videos {
namespace {

constexpr std::string_view kSortNames[] = {"newest", "popular", "trending"};

// The shortest text that reads back as the same double (PostgreSQL reads it back exactly too).
std::string shortest_text(double value) {
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    (void)ec;
    return std::string(buf, end);
}

std::string_view sort_name(Sort sort) { return kSortNames[static_cast<int>(sort)]; }

// The key as list_*.sql reads it back exactly: microseconds since the epoch, views, the score.
std::string sort_key(Sort sort, const Video& v) {
    switch (sort) {
        case Sort::popular: return std::to_string(v.engagement.views);
        case Sort::trending: return shortest_text(v.trending_score);
        case Sort::newest: break;
    }
    return std::to_string(v.created_at.time_since_epoch().count());
}

bool is_integer(std::string_view s) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    return ec == std::errc() && end == s.data() + s.size();
}

bool key_fits(Sort sort, std::string_view key) {
    if (sort != Sort::trending) return is_integer(key);
    double value = 0;
    const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), value);
    return ec == std::errc() && end == key.data() + key.size() && std::isfinite(value);
}

}  // namespace

std::optional<Sort> parse_sort(std::string_view name) {
    for (int i = 0; i < 3; ++i) {
        if (kSortNames[i] == name) return static_cast<Sort>(i);
    }
    return std::nullopt;
}

std::string list_cursor(Sort sort, const Video& v) {
    return platform::core::base64url_encode(std::string(sort_name(sort)) + "|" + sort_key(sort, v) + "|" + v.id);
}

std::optional<ListPosition> parse_list_cursor(Sort sort, std::string_view cursor) {
    const auto text = platform::core::base64url_decode(cursor);
    if (!text) return std::nullopt;
    const std::string_view s = *text;
    const std::size_t first = s.find('|');
    const std::size_t last = s.rfind('|');
    if (first == std::string_view::npos || first == last) return std::nullopt;
    if (s.substr(0, first) != sort_name(sort)) return std::nullopt;
    ListPosition p{std::string(s.substr(first + 1, last - first - 1)), std::string(s.substr(last + 1))};
    if (!key_fits(sort, p.key) || !platform::core::ObjectId::parse(p.id)) return std::nullopt;
    return p;
}

std::optional<std::string> viewer_key(const std::optional<std::string>& user_id, std::string_view device_id) {
    if (user_id) return "user:" + *user_id;
    const bool well_formed =
        device_id.size() >= 8 && device_id.size() <= 128 && std::all_of(device_id.begin(), device_id.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                   c == '.';
        });
    if (!well_formed) return std::nullopt;
    return "device:" + std::string(device_id);
}

std::vector<std::string> engagement_keys(const std::optional<std::string>& caller_key, std::string_view client_ip) {
    if (caller_key && caller_key->starts_with("user:")) return {*caller_key};
    std::vector<std::string> keys;
    if (caller_key) keys.push_back(*caller_key);
    keys.push_back("address:" + std::string(client_ip.empty() ? "unknown" : client_ip));
    return keys;
}

platform::http::RateLimit comment_rate(const CommentWindow& window, int limit, Timestamp now) {
    platform::http::RateLimit rate{.limit = limit};
    rate.remaining = static_cast<int>(std::clamp<std::int64_t>(limit - window.count, 0, limit));
    if (window.oldest) {
        const auto left = *window.oldest + kCommentWindow - now;
        rate.reset = std::max(std::chrono::seconds(0), std::chrono::ceil<std::chrono::seconds>(left));
    }
    return rate;
}

}  // namespace superapp::features::videos
