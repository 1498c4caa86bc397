#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "features/videos/model.hpp"
#include "platform/http/rate_limit.hpp"

namespace superapp::features::videos {

/// The sort named in a query ("newest", "popular", "trending"); nullopt for another name. Pure.
std::optional<Sort> parse_sort(std::string_view name);

/// The opaque cursor after `v` in the order of `sort`. Pure.
std::string list_cursor(Sort sort, const Video& v);
/// The position a list_cursor of `sort` stands for; nullopt for any other text (a cursor of
/// another sort included). Pure.
std::optional<ListPosition> parse_list_cursor(Sort sort, std::string_view cursor);

/// The viewer a view is deduplicated by: "user:<id>" for a signed-in caller, else
/// "device:<id>" from an X-Device-Id of 8 to 128 letters, digits, '-', '_' or '.'; nullopt when
/// neither is there or the device id is malformed. Pure.
std::optional<std::string> viewer_key(const std::optional<std::string>& user_id, std::string_view device_id);

/// The keys a view or share is counted at most once per hour by, in the one order the SQL locks
/// them in: `caller_key` alone when it is a user's ("user:<id>"); else `caller_key` (a device's, when
/// there is one) and then "address:<client_ip>", so that a fresh X-Device-Id from the same address
/// counts nothing again. Pure.
std::vector<std::string> engagement_keys(const std::optional<std::string>& caller_key, std::string_view client_ip);

/// The window comments are rate-limited in (VIDEO_COMMENTS_PER_MINUTE per this).
inline constexpr std::chrono::seconds kCommentWindow{60};

/// A user's comments inside the rate window: how many, and when the oldest was written.
struct CommentWindow {
    std::int64_t count = 0;
    std::optional<Timestamp> oldest;
};

/// The RateLimit-* figures of a sliding window of `limit` comments per kCommentWindow that holds
/// `window` at `now`: what is left, and the seconds until the oldest comment leaves it (rounded
/// up; 0 when the window is empty). Pure.
platform::http::RateLimit comment_rate(const CommentWindow& window, int limit, Timestamp now);

}  // namespace superapp::features::videos
