#pragma once
// A narrow read of the videos for the homepage: the trending page and what a user liked. The rest
// of the videos feature (routes, writes, the job that computes trending_score) lives beside it.
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "platform/core/time.hpp"
#include "platform/db/database.hpp"

namespace superapp::features::videos {

/// A published video as the homepage lists it.
struct RankedVideo {
    std::string id, title, category, video_url;
    std::optional<std::string> thumbnail_url;
    std::vector<std::string> product_ids;
    int duration_seconds = 0;
    std::int64_t views = 0, likes = 0, shares = 0, comments = 0;
    double trending_score = 0;
    platform::core::Timestamp created_at{};
};

/// What a user's likes say about their taste: the video categories and linked product ids of the
/// videos they liked (most recent likes first, each once).
struct LikedTaste {
    std::vector<std::string> categories;
    std::vector<std::string> product_ids;
};

/// What the published videos linking a product drew on one UTC day, `age_days` days ago, in the points
/// of a video's trending score (views + 3 likes + 5 shares + 4 comments).
struct ProductEngagement {
    std::string product_id;
    int age_days = 0;
    std::int64_t points = 0;
};

/// Reads videos ranked for the homepage. Shard thread; throws DbError.
class VideoRanking {
  public:
    explicit VideoRanking(platform::db::Database& db) : db_(db) {}

    /// Published videos by trending_score, highest first (newest first among equals), at most `limit`.
    boost::asio::awaitable<std::vector<RankedVideo>> trending(int limit);
    /// Per linked product and UTC day over the last `days` days, what its videos drew.
    boost::asio::awaitable<std::vector<ProductEngagement>> product_engagement(int days);
    /// From the user's `limit` most recent likes of published videos.
    boost::asio::awaitable<LikedTaste> liked_by(const std::string& user_id, int limit);

  private:
    platform::db::Database& db_;
};

}  // namespace superapp::features::videos
