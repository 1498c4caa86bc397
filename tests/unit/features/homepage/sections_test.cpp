#include "features/homepage/sections.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "platform/core/json.hpp"

namespace superapp::features::homepage {
namespace {

namespace json = boost::json;

PublicParts parts() {
    PublicParts p;
    p.banners = {json::object{{"_id", "b1"}}};
    for (std::string_view type : kCategoryTypes) p.category_rails.push_back(category_rail(type, {}));
    p.featured_products = {json::object{{"_id", "p1"}}};
    p.trending_videos = {};
    return p;
}

std::vector<std::string> types(const json::array& sections) {
    std::vector<std::string> out;
    for (const auto& s : sections) {
        std::string t(s.at("type").as_string());
        if (const auto* c = s.as_object().if_contains("categoryType")) t += ":" + std::string(c->as_string());
        out.push_back(t);
    }
    return out;
}

TEST(HomepageSections, PublicOnesComeInTheDocumentedOrder) {
    EXPECT_EQ(types(assemble_sections(parts())),
              (std::vector<std::string>{"banners", "categories:going_out", "categories:home_delivery",
                                        "categories:earn", "categories:play", "featured_products", "trending_videos"}));
}

TEST(HomepageSections, ACategoryRailShowsTheFirstTenOfItsType) {
    json::array many;
    for (int i = 0; i < 13; ++i) many.push_back(json::object{{"_id", std::to_string(i)}});
    const json::object rail = category_rail("play", many);
    const json::array& items = rail.at("items").as_array();
    ASSERT_EQ(items.size(), static_cast<std::size_t>(kSectionItems));
    EXPECT_EQ(items.front().at("_id"), "0");
    EXPECT_EQ(items.back().at("_id"), "9");
}

TEST(HomepageSections, PartsReadBackFromTheirDocument) {
    const PublicParts read = parts_from_json(json::value(parts_json(parts())));
    EXPECT_EQ(types(assemble_sections(read)), types(assemble_sections(parts())));
    EXPECT_EQ(read.banners, parts().banners);
    EXPECT_EQ(read.featured_products, parts().featured_products);
    EXPECT_THROW(parts_from_json(json::object{{"banners", json::array{}}}), std::exception);
}

std::string public_reply() { return platform::core::serialize(json::object{{"sections", assemble_sections(parts())}}); }

json::array caller_sections(std::optional<json::array> nearby, std::optional<json::array> earn) {
    return json::parse(with_caller_sections(public_reply(), std::move(nearby), std::move(earn)))
        .at("sections")
        .as_array();
}

TEST(HomepageSections, NearbyStoresThenEarnProjectsFollowThePublicOnesOnlyWhenGiven) {
    const json::array all = caller_sections(json::array{json::object{{"_id", "s1"}}}, json::array{});
    const auto t = types(all);
    ASSERT_EQ(t.size(), 9u);
    EXPECT_EQ(std::vector<std::string>(t.begin(), t.begin() + 7), types(assemble_sections(parts())));
    EXPECT_EQ(t[7], "nearby_stores");
    EXPECT_EQ(t[8], "earn_projects");
    EXPECT_EQ(all[7].at("items").as_array(), (json::array{json::object{{"_id", "s1"}}}));
    EXPECT_EQ(all[0], assemble_sections(parts())[0]);
    EXPECT_EQ(types(caller_sections(std::nullopt, json::array{})).back(), "earn_projects");
    EXPECT_EQ(with_caller_sections(public_reply(), std::nullopt, std::nullopt), public_reply());
}

TEST(HomepageSections, EachHasATitleAndItems) {
    for (const auto& s : assemble_sections(parts())) {
        EXPECT_FALSE(s.at("title").as_string().empty());
        EXPECT_TRUE(s.at("items").is_array());
    }
}

}  // namespace
}  // namespace superapp::features::homepage
