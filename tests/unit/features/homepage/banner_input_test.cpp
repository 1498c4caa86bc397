#include "features/homepage/banner_input.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "platform/core/field_error.hpp"

namespace superapp::features::homepage {
namespace {

std::vector<std::string> bad_fields(std::string_view body) {
    try {
        read_banner(boost::json::parse(body));
    } catch (const platform::core::ValidationFailed& e) {
        std::vector<std::string> fields;
        for (const auto& error : e.errors()) fields.push_back(error.field);
        return fields;
    }
    return {};
}

TEST(BannerInput, ReadsABannerWithDefaults) {
    const BannerInput in = read_banner(boost::json::parse(R"({"title":" Sale ","image":"/uploads/a.jpg"})"));
    EXPECT_EQ(in.title, "Sale");
    EXPECT_EQ(in.position, 0);
    EXPECT_TRUE(in.is_active);
    EXPECT_FALSE(in.link);
    EXPECT_FALSE(in.starts_at);
}

TEST(BannerInput, NamesEveryBadField) {
    EXPECT_EQ(bad_fields(R"j({"title":"","image":"ftp://x","link":"javascript:alert(1)","position":-1,
                             "startsAt":"2030-01-02T00:00:00Z","endsAt":"2030-01-01T00:00:00Z","isActive":"yes"})j"),
              (std::vector<std::string>{"title", "image", "link", "position", "endsAt", "isActive"}));
    EXPECT_EQ(bad_fields(R"({})"), (std::vector<std::string>{"title", "image"}));
}

TEST(BannerInput, AcceptsDeeplinksAndWindows) {
    EXPECT_TRUE(bad_fields(R"({"title":"T","image":"https://cdn.example/b.jpg","link":"superapp://earn",
                               "position":3,"startsAt":"2030-01-01T00:00:00Z","endsAt":"2030-01-02T00:00:00Z"})")
                    .empty());
}

}  // namespace
}  // namespace superapp::features::homepage
