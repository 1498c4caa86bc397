#include "platform/db/text_codec.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace superapp::platform::db::text {
namespace {

using Items = std::vector<std::optional<std::string>>;

TEST(EncodeArray, EmptyVectorIsEmptyBraces) {
    EXPECT_EQ(encode_array(std::vector<std::string>{}), "{}");
    EXPECT_EQ(encode_array(std::vector<std::int64_t>{}), "{}");
}

TEST(EncodeArray, QuotesEveryElementAndEscapesQuotesAndBackslashes) {
    EXPECT_EQ(encode_array(std::vector<std::string>{"a", "b c", "q\"uote", "back\\slash"}),
              R"({"a","b c","q\"uote","back\\slash"})");
}

TEST(EncodeArray, KeepsDelimitersEmptyStringsAndTheWordNullAsData) {
    EXPECT_EQ(encode_array(std::vector<std::string>{"a,b", "{x}", "", "NULL"}), R"({"a,b","{x}","","NULL"})");
}

TEST(EncodeArray, WritesNulloptAsNull) {
    EXPECT_EQ(encode_array(std::vector<std::optional<std::string>>{"x", std::nullopt}), R"({"x",NULL})");
}

TEST(EncodeArray, WritesIntegersBare) {
    EXPECT_EQ(encode_array(std::vector<std::int64_t>{1, -2, std::numeric_limits<std::int64_t>::min()}),
              "{1,-2,-9223372036854775808}");
}

TEST(ParseArray, ReadsEmptyArray) {
    auto items = parse_array("{}");
    ASSERT_TRUE(items);
    EXPECT_TRUE(items->empty());
}

TEST(ParseArray, ReadsUnquotedElements) { EXPECT_EQ(parse_array("{a,bb,3}"), (Items{"a", "bb", "3"})); }

TEST(ParseArray, ReadsQuotedElementsWithEscapes) {
    EXPECT_EQ(parse_array(R"({"a,b","q\"uote","back\\slash","","{x}"})"),
              (Items{"a,b", "q\"uote", "back\\slash", "", "{x}"}));
}

TEST(ParseArray, UnquotedNullIsNullButQuotedNullIsText) {
    EXPECT_EQ(parse_array(R"({NULL,"NULL",null})"), (Items{std::nullopt, "NULL", std::nullopt}));
}

TEST(ParseArray, KeepsUnicodeBytes) { EXPECT_EQ(parse_array("{ünï,\"😀 x\"}"), (Items{"ünï", "😀 x"})); }

TEST(ParseArray, IgnoresSpaceAroundElementsButKeepsInnerAndEscapedSpace) {
    EXPECT_EQ(parse_array("{ a b , c\\  }"), (Items{"a b", "c "}));
}

TEST(ParseArray, SkipsExplicitBounds) { EXPECT_EQ(parse_array("[0:1]={7,8}"), (Items{"7", "8"})); }

TEST(ParseArray, RejectsMalformedText) {
    EXPECT_FALSE(parse_array(""));
    EXPECT_FALSE(parse_array("{"));
    EXPECT_FALSE(parse_array("{a"));
    EXPECT_FALSE(parse_array("{a,}"));
    EXPECT_FALSE(parse_array("{\"a}"));
    EXPECT_FALSE(parse_array("{a}x"));
    EXPECT_FALSE(parse_array("a,b"));
}

TEST(ParseArray, RejectsMultiDimensionalArrays) { EXPECT_FALSE(parse_array("{{1,2},{3,4}}")); }

TEST(ParseArray, ReadsBackWhatEncodeArrayWrote) {
    const std::vector<std::string> tricky = {"", " ", "a,b", "\"", "\\", "\\\"", "NULL", "{}", "ü😀", "x y"};
    const auto items = parse_array(encode_array(tricky));
    ASSERT_TRUE(items);
    ASSERT_EQ(items->size(), tricky.size());
    for (std::size_t i = 0; i < tricky.size(); ++i) EXPECT_EQ((*items)[i], tricky[i]);
}

TEST(EncodeTimestamp, WritesMicrosecondsAndUtcOffset) {
    using namespace std::chrono;
    const core::Timestamp t =
        sys_days{year{2026} / 11 / 24} + hours{23} + minutes{16} + seconds{22} + microseconds{123456};
    EXPECT_EQ(encode_timestamp(t), "2026-11-24T23:16:22.123456+00:00");
    EXPECT_EQ(encode_timestamp(core::Timestamp{}), "1970-01-01T00:00:00.000000+00:00");
}

TEST(EncodeDouble, WritesShortestRoundTripAndSpecialValues) {
    EXPECT_EQ(encode_double(0.1), "0.1");
    EXPECT_EQ(encode_double(-2.5), "-2.5");
    EXPECT_EQ(encode_double(std::numeric_limits<double>::quiet_NaN()), "NaN");
    EXPECT_EQ(encode_double(std::numeric_limits<double>::infinity()), "Infinity");
    EXPECT_EQ(encode_double(-std::numeric_limits<double>::infinity()), "-Infinity");
    EXPECT_EQ(parse_double(encode_double(1.0 / 3.0)), 1.0 / 3.0);
}

TEST(ParseInteger, AcceptsOnlyAWholeDecimalInRange) {
    EXPECT_EQ(parse_integer("-9223372036854775808"), std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(parse_integer("42"), 42);
    EXPECT_FALSE(parse_integer(""));
    EXPECT_FALSE(parse_integer("+1"));
    EXPECT_FALSE(parse_integer("12a"));
    EXPECT_FALSE(parse_integer("1.0"));
    EXPECT_FALSE(parse_integer("9223372036854775808"));
}

TEST(ParseDouble, ReadsPostgresSpellings) {
    EXPECT_EQ(parse_double("1.5"), 1.5);
    EXPECT_EQ(parse_double("123.4500"), 123.45);
    EXPECT_EQ(parse_double("1e+100"), 1e100);
    EXPECT_TRUE(std::isnan(*parse_double("NaN")));
    EXPECT_EQ(parse_double("-Infinity"), -std::numeric_limits<double>::infinity());
    EXPECT_FALSE(parse_double("abc"));
    EXPECT_FALSE(parse_double(""));
}

TEST(ParseBool, ReadsTAndF) {
    EXPECT_EQ(parse_bool("t"), true);
    EXPECT_EQ(parse_bool("f"), false);
    EXPECT_FALSE(parse_bool("yes"));
}

TEST(QuoteIdentifier, WrapsInDoubleQuotesAndDoublesTheOnesInside) {
    EXPECT_EQ(quote_identifier("superapp_events"), "\"superapp_events\"");
    EXPECT_EQ(quote_identifier("a\"b c"), "\"a\"\"b c\"");
}

}  // namespace
}  // namespace superapp::platform::db::text
