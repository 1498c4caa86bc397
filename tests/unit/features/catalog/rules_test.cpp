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

}  // namespace
}  // namespace superapp::features::catalog
