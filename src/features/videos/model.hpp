#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/core/time.hpp"

namespace superapp::features::videos {

using platform::core::Timestamp;

/// A video's engagement counters, each kept in the transaction of the rows it counts.
struct Engagement {
    std::int64_t views = 0;
    std::int64_t likes = 0;
    std::int64_t shares = 0;
    std::int64_t comments = 0;
};

/// One shoppable video (a row of videos).
struct Video {
    std::string id;
    std::string title;
    std::optional<std::string> description;
    std::string creator_id;
    std::string category;
    std::string video_url;
    std::optional<std::string> thumbnail_url;
    std::vector<std::string> tags;
    std::vector<std::string> product_ids;
    int duration_seconds = 0;
    Engagement engagement;
    double trending_score = 0;
    bool is_published = true;
    bool is_featured = false;
    Timestamp created_at{};
    Timestamp updated_at{};
};

/// A video category (a row of video_categories) with its published videos.
struct Category {
    std::string slug;
    std::string name;
    int sort_order = 0;
    std::int64_t videos = 0;
};

/// A comment on a video.
struct Comment {
    std::string id;
    std::string video_id;
    std::string user_id;
    std::string text;
    Timestamp created_at{};
};

/// How GET /videos orders; each has its own keyset.
enum class Sort { newest, popular, trending };

/// Where a list page starts (in the list's sort): after the video with this sort key and id. `key`
/// is the sort key as PostgreSQL reads it back exactly (microseconds for newest, views, the
/// score's shortest text).
struct ListPosition {
    std::string key;
    std::string id;
};

/// An engagement change as it is published: the video, its creator and its counters after it.
struct EngagementChange {
    std::string video_id;
    std::string creator_id;
    Engagement engagement;
};

}  // namespace superapp::features::videos
