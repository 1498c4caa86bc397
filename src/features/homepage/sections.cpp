#include "features/homepage/sections.hpp"

#include "platform/core/json.hpp"

namespace superapp::features::homepage {

namespace json = boost::json;

namespace {

std::string_view type_title(std::string_view type) {
    if (type == "going_out") return "Going out";
    if (type == "home_delivery") return "Home delivery";
    if (type == "earn") return "Earn";
    return "Play";
}

json::object section(std::string_view type, std::string_view title, json::array items) {
    return json::object{{"type", type}, {"title", title}, {"items", std::move(items)}};
}

}  // namespace

json::object parts_json(const PublicParts& parts) {
    return json::object{{"banners", parts.banners},
                        {"categoryRails", parts.category_rails},
                        {"featuredProducts", parts.featured_products},
                        {"trendingVideos", parts.trending_videos}};
}

PublicParts parts_from_json(const json::value& doc) {
    const json::object& o = doc.as_object();
    return PublicParts{o.at("banners").as_array(), o.at("categoryRails").as_array(),
                       o.at("featuredProducts").as_array(), o.at("trendingVideos").as_array()};
}

json::object category_rail(std::string_view type, json::array categories) {
    if (categories.size() > kSectionItems) categories.resize(kSectionItems);
    return json::object{{"type", type}, {"title", type_title(type)}, {"items", std::move(categories)}};
}

json::array assemble_sections(const PublicParts& parts) {
    json::array out;
    out.push_back(section("banners", "Offers for you", parts.banners));
    for (const auto& rail : parts.category_rails) {
        const json::object& r = rail.as_object();
        json::object s = section("categories", r.at("title").as_string(), r.at("items").as_array());
        s["categoryType"] = r.at("type");
        out.push_back(std::move(s));
    }
    out.push_back(section("featured_products", "Featured products", parts.featured_products));
    out.push_back(section("trending_videos", "Trending videos", parts.trending_videos));
    return out;
}

std::string with_caller_sections(std::string_view public_reply, std::optional<json::array> nearby_stores,
                                 std::optional<json::array> earn_projects) {
    constexpr std::string_view kEnd = "]}";
    std::string out(public_reply.substr(0, public_reply.size() - kEnd.size()));
    const auto append = [&out](json::object s) {
        if (out.back() != '[') out += ',';
        platform::core::serialize_to(out, s);
    };
    if (nearby_stores) append(section("nearby_stores", "Stores near you", std::move(*nearby_stores)));
    if (earn_projects) append(section("earn_projects", "Earn with tasks", std::move(*earn_projects)));
    out += kEnd;
    return out;
}

}  // namespace superapp::features::homepage
