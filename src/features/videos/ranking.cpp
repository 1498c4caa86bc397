#include "features/videos/ranking.hpp"

#include <algorithm>

namespace superapp::features::videos {

namespace asio = boost::asio;
using platform::db::named_query;

namespace {

void add_once(std::vector<std::string>& to, const std::string& value) {
    if (std::find(to.begin(), to.end(), value) == to.end()) to.push_back(value);
}

}  // namespace

asio::awaitable<std::vector<RankedVideo>> VideoRanking::trending(int limit) {
    const auto result = co_await db_.query(named_query("videos.ranking_trending"), limit);
    std::vector<RankedVideo> out;
    out.reserve(result.size());
    for (const auto row : result) {
        RankedVideo v;
        v.id = row.get<std::string>("id");
        v.title = row.get<std::string>("title");
        v.category = row.get<std::string>("category");
        v.video_url = row.get<std::string>("video_url");
        v.thumbnail_url = row.get_optional<std::string>("thumbnail_url");
        v.product_ids = row.get<std::vector<std::string>>("product_ids");
        v.duration_seconds = row.get<std::int32_t>("duration_seconds");
        v.views = row.get<std::int64_t>("views");
        v.likes = row.get<std::int64_t>("likes");
        v.shares = row.get<std::int64_t>("shares");
        v.comments = row.get<std::int64_t>("comments");
        v.trending_score = row.get<double>("trending_score");
        v.created_at = row.get<platform::core::Timestamp>("created_at");
        out.push_back(std::move(v));
    }
    co_return out;
}

asio::awaitable<std::vector<ProductEngagement>> VideoRanking::product_engagement(int days) {
    const auto result = co_await db_.query(named_query("videos.ranking_product_engagement"), days);
    std::vector<ProductEngagement> out;
    out.reserve(result.size());
    for (const auto row : result) {
        out.push_back(
            {row.get<std::string>("product_id"), row.get<std::int32_t>("age_days"), row.get<std::int64_t>("points")});
    }
    co_return out;
}

asio::awaitable<LikedTaste> VideoRanking::liked_by(const std::string& user_id, int limit) {
    const auto result = co_await db_.query(named_query("videos.ranking_liked"), user_id, limit);
    LikedTaste taste;
    for (const auto row : result) {
        add_once(taste.categories, row.get<std::string>("category"));
        const auto products = row.get<std::vector<std::string>>("product_ids");
        for (const auto& id : products) add_once(taste.product_ids, id);
    }
    co_return taste;
}

}  // namespace superapp::features::videos
