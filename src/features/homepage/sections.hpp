#pragma once
// How GET /homepage/sections orders the home screen, pure. The order is also documented in
// docs/openapi.yaml (HomepageSections); change both together.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace superapp::features::homepage {

/// The most items a section shows.
inline constexpr int kSectionItems = 10;

/// The category types, in the order their rails appear.
inline constexpr std::string_view kCategoryTypes[] = {"going_out", "home_delivery", "earn", "play"};

/// The public parts of the home screen (the same for every caller; cached).
struct PublicParts {
    boost::json::array banners;
    boost::json::array category_rails;  ///< one {type, title, items} per kCategoryTypes entry, in order
    boost::json::array featured_products;
    boost::json::array trending_videos;
};

/// The parts as one document (what the Redis copy holds): {banners, categoryRails, featuredProducts,
/// trendingVideos}; parts_from_json reads it back (throws std::exception on another shape).
boost::json::object parts_json(const PublicParts& parts);
PublicParts parts_from_json(const boost::json::value& doc);

/// One category rail: {"type": <type>, "title": <its display name>, "items": the first kSectionItems of
/// `categories` (roots of the type's tree in display order)}.
boost::json::object category_rail(std::string_view type, boost::json::array categories);

/// The sections in order: banners, the category rails (going_out, home_delivery, earn, play),
/// featured products, trending videos. Each is {"type", "title", "items"}, a rail also names its
/// "categoryType".
boost::json::array assemble_sections(const PublicParts& parts);

/// A caller's reply text: `public_reply` (the text of {"sections": assemble_sections(...)}) with
/// the nearby stores section appended when given (the app sent lat,lng), then the earn projects
/// section when given (a signed-in caller). The public part is copied as text, not rebuilt.
std::string with_caller_sections(std::string_view public_reply, std::optional<boost::json::array> nearby_stores,
                                 std::optional<boost::json::array> earn_projects);

}  // namespace superapp::features::homepage
