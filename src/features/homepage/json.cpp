#include "features/homepage/json.hpp"

#include <boost/json/array.hpp>

#include "platform/core/json_fields.hpp"

namespace superapp::features::homepage {

using platform::core::or_null;
using platform::core::time_or_null;

namespace json = boost::json;
using platform::core::to_iso8601;

json::object banner_json(const Banner& b) {
    const BannerInput& in = b.input;
    return json::object{{"_id", b.id},
                        {"title", in.title},
                        {"subtitle", or_null(in.subtitle)},
                        {"image", in.image},
                        {"link", or_null(in.link)},
                        {"position", in.position},
                        {"startsAt", time_or_null(in.starts_at)},
                        {"endsAt", time_or_null(in.ends_at)},
                        {"isActive", in.is_active},
                        {"createdAt", to_iso8601(b.created_at)},
                        {"updatedAt", to_iso8601(b.updated_at)}};
}

json::object video_json(const videos::RankedVideo& v) {
    json::array products;
    for (const auto& id : v.product_ids) products.emplace_back(id);
    return json::object{
        {"_id", v.id},
        {"title", v.title},
        {"category", v.category},
        {"videoUrl", v.video_url},
        {"thumbnail", or_null(v.thumbnail_url)},
        {"products", std::move(products)},
        {"duration", v.duration_seconds},
        {"engagement",
         json::object{{"views", v.views}, {"likes", v.likes}, {"shares", v.shares}, {"comments", v.comments}}},
        {"trendingScore", v.trending_score},
        {"createdAt", to_iso8601(v.created_at)}};
}

}  // namespace superapp::features::homepage
