#include "features/videos/json.hpp"

#include "platform/core/json_fields.hpp"

namespace superapp::features::videos {

using platform::core::or_null;

namespace json = boost::json;
using platform::core::to_iso8601;

namespace {

json::array strings(const std::vector<std::string>& items) {
    json::array out;
    out.reserve(items.size());
    for (const auto& s : items) out.emplace_back(s);
    return out;
}

}  // namespace

json::object engagement_json(const Engagement& e) {
    return {{"views", e.views}, {"likes", e.likes}, {"shares", e.shares}, {"comments", e.comments}};
}

json::object video_json(const Video& v) {
    return {{"_id", v.id},
            {"title", v.title},
            {"description", or_null(v.description)},
            {"creator", v.creator_id},
            {"videoUrl", v.video_url},
            {"thumbnail", or_null(v.thumbnail_url)},
            {"category", v.category},
            {"tags", strings(v.tags)},
            {"products", strings(v.product_ids)},
            {"engagement", engagement_json(v.engagement)},
            {"duration", v.duration_seconds},
            {"trendingScore", v.trending_score},
            {"isPublished", v.is_published},
            {"isFeatured", v.is_featured},
            {"createdAt", to_iso8601(v.created_at)},
            {"updatedAt", to_iso8601(v.updated_at)}};
}

json::object category_json(const Category& c) {
    return {{"slug", c.slug}, {"name", c.name}, {"sortOrder", c.sort_order}, {"videoCount", c.videos}};
}

json::object comment_json(const Comment& c) {
    return {{"_id", c.id},
            {"video", c.video_id},
            {"user", c.user_id},
            {"text", c.text},
            {"createdAt", to_iso8601(c.created_at)}};
}

platform::realtime::Event engagement_event(const EngagementChange& change) {
    json::object data = engagement_json(change.engagement);
    data["video"] = change.video_id;
    return {{"video:" + change.video_id, "user:" + change.creator_id}, "video_engagement", std::move(data)};
}

}  // namespace superapp::features::videos
