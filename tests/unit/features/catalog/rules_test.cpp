#include "features/catalog/rules.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace superapp::features::catalog {
namespace {

TEST(Discount, IsWholePercentOfTheOriginalRoundedHalfUp) {
    EXPECT_EQ(discount_percent(100000, 79900), 20);  // 20.1%
    EXPECT_EQ(discount_percent(20000, 19900), 1);    // 0.5% rounds up
    EXPECT_EQ(discount_percent(30000, 20000), 33);
}

TEST(Discount, IsZeroWhenNotBelowTheOriginal) {
    EXPECT_EQ(discount_percent(50000, 50000), 0);
    EXPECT_EQ(discount_percent(50000, 60000), 0);
    EXPECT_EQ(discount_percent(0, 0), 0);
}

TEST(RatingAverage, RoundsToTwoDecimalsAndIsZeroWithoutRatings) {
    EXPECT_DOUBLE_EQ(rating_average(0, 0), 0.0);
    EXPECT_DOUBLE_EQ(rating_average(14, 3), 4.67);
    EXPECT_DOUBLE_EQ(rating_average(9, 2), 4.5);
    EXPECT_DOUBLE_EQ(rating_average(150, 50), 3.0);
}

TEST(Cursor, RoundTripsThroughItsText) {
    const Cursor c{"price_asc", "49900", "64c300000000000000000012"};
    const auto back = decode_cursor(encode_cursor(c));
    ASSERT_TRUE(back);
    EXPECT_EQ(back->sort, "price_asc");
    EXPECT_EQ(back->key, "49900");
    EXPECT_EQ(back->id, "64c300000000000000000012");
}

TEST(Cursor, KeepsKeysWithSpacesAndSigns) {
    const Cursor c{"newest", "2024-01-01 00:07:00+00", "64c300000000000000000007"};
    EXPECT_EQ(decode_cursor(encode_cursor(c))->key, c.key);
}

TEST(Cursor, RefusesAnythingElse) {
    EXPECT_FALSE(decode_cursor(""));
    EXPECT_FALSE(decode_cursor("nonsense!"));
    EXPECT_FALSE(decode_cursor(encode_cursor({"rating", "4.5", "not-an-id"})));
    EXPECT_FALSE(decode_cursor(encode_cursor({"", "4.5", "64c300000000000000000007"})));
}

TEST(PrefixTsquery, MakesEachWordAPrefixAndDropsEverythingElse) {
    EXPECT_EQ(prefix_tsquery("Basmati Rice"), "basmati:* & rice:*");
    EXPECT_EQ(prefix_tsquery("  5kg!! (atta) | & :*"), "5kg:* & atta:*");
    EXPECT_EQ(prefix_tsquery("!!!"), "");
}

TEST(ProjectFields, KeepsTheIdAndTheNamedFieldsOnly) {
    const auto doc = boost::json::parse(R"({"_id":"x","name":"Rice","price":{"original":100,"selling":80},"tags":[]})");
    EXPECT_EQ(boost::json::serialize(project_fields(doc, {"name", "price.selling", "missing"})),
              R"({"_id":"x","name":"Rice","price":{"selling":80}})");
    EXPECT_EQ(project_fields(doc, {}), doc);
}

TEST(CursorKey, FitsWhatPostgresWritesForEachType) {
    EXPECT_TRUE(cursor_key_fits("49900", "bigint"));
    EXPECT_TRUE(cursor_key_fits("-3", "bigint"));
    EXPECT_TRUE(cursor_key_fits("5", "smallint"));
    EXPECT_TRUE(cursor_key_fits("4.50", "numeric"));
    EXPECT_TRUE(cursor_key_fits("0", "numeric"));
    EXPECT_TRUE(cursor_key_fits("10.0607927", "real"));
    EXPECT_TRUE(cursor_key_fits("1e-05", "real"));
    EXPECT_TRUE(cursor_key_fits("Infinity", "float8"));
    EXPECT_TRUE(cursor_key_fits("12.345678901234", "float8"));
    EXPECT_TRUE(cursor_key_fits("2026-11-25 06:34:00.123456+00", "timestamptz"));
    EXPECT_TRUE(cursor_key_fits("Corner shop", "text"));
    EXPECT_TRUE(cursor_key_fits("किराना", "text"));
}

TEST(CursorKey, RefusesWhatWouldMakeTheDatabaseFail) {
    EXPECT_FALSE(cursor_key_fits("", "bigint"));
    EXPECT_FALSE(cursor_key_fits("99999999999999999999", "bigint"));
    EXPECT_FALSE(cursor_key_fits("40000", "smallint"));
    EXPECT_FALSE(cursor_key_fits("4.5.0", "numeric"));
    EXPECT_FALSE(cursor_key_fits(".", "numeric"));
    EXPECT_FALSE(cursor_key_fits("abc", "numeric"));
    EXPECT_FALSE(cursor_key_fits("1e39", "real"));
    EXPECT_FALSE(cursor_key_fits("1e-50", "real"));
    EXPECT_FALSE(cursor_key_fits("1e400", "float8"));
    EXPECT_FALSE(cursor_key_fits("2026-11-25 06:34:00+00", "real"));
    EXPECT_FALSE(cursor_key_fits("0.5", "timestamptz"));
    EXPECT_FALSE(cursor_key_fits("99999-01-01 00:00:00+00", "timestamptz"));
    EXPECT_FALSE(cursor_key_fits("2026-02-30 00:00:00+00", "timestamptz"));
    EXPECT_FALSE(cursor_key_fits("\xff\xfe", "text"));
    EXPECT_FALSE(cursor_key_fits(std::string_view("a\0b", 3), "text"));
    EXPECT_FALSE(cursor_key_fits("1", "interval"));
}

TEST(CategoryPlacement, ASubcategoryHasItsParentsType) {
    CategoryPlacement p{.type = "play", .sets_type = true, .names_parent = true, .parent_type = "home_delivery"};
    auto errors = placement_errors(p);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, "type");

    p.sets_type = false;  // the parent is what changed
    errors = placement_errors(p);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, "parentCategory");

    p.parent_type = "play";
    EXPECT_TRUE(placement_errors(p).empty());
    EXPECT_TRUE(placement_errors({.type = "earn", .sets_type = true}).empty()) << "a root of any type";
}

TEST(CategoryPlacement, ACategoryNeverSitsInsideItself) {
    const auto errors = placement_errors(
        {.type = "play", .names_parent = true, .parent_problem = ParentProblem::inside, .parent_type = "play"});
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, "parentCategory");
    EXPECT_EQ(placement_errors({.type = "play", .names_parent = true, .parent_problem = ParentProblem::not_active})
                  .at(0)
                  .message,
              "is not an active category");
}

TEST(CategoryPlacement, ATypeChangeMustKeepItsSubcategoriesType) {
    CategoryPlacement p{.type = "play", .sets_type = true, .child_types = {"going_out"}};
    auto errors = placement_errors(p);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, "type");
    p.child_types = {"play"};
    EXPECT_TRUE(placement_errors(p).empty());
    p.sets_type = false;  // not changing its type: children were checked when they moved in
    p.child_types = {"going_out"};
    EXPECT_TRUE(placement_errors(p).empty());
}

}  // namespace
}  // namespace superapp::features::catalog
