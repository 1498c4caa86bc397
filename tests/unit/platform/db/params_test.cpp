#include "platform/db/params.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "platform/db/error.hpp"

namespace superapp::platform::db {
namespace {

std::vector<std::optional<std::string>> texts(const ParamList& params) {
    std::vector<std::optional<std::string>> out;
    for (const char* p : params.pointers()) {
        if (p)
            out.emplace_back(p);
        else
            out.emplace_back(std::nullopt);
    }
    return out;
}

TEST(EncodeParams, WritesScalarsInPostgresTextFormat) {
    const std::string s = "text";
    const std::string_view v = "view";
    const auto params = encode_params(s, v, "literal", true, false, std::int16_t{-3}, 7, std::int64_t{1} << 40, 2.5,
                                      std::uint32_t{4000000000});
    EXPECT_EQ(texts(params), (std::vector<std::optional<std::string>>{"text", "view", "literal", "t", "f", "-3", "7",
                                                                      "1099511627776", "2.5", "4000000000"}));
}

TEST(EncodeParams, WritesNulloptAndNullPointerAsNull) {
    const char* none = nullptr;
    const std::optional<int> absent;
    const std::optional<std::string> present = "x";
    const auto params = encode_params(std::nullopt, absent, present, none);
    EXPECT_EQ(texts(params), (std::vector<std::optional<std::string>>{std::nullopt, std::nullopt, "x", std::nullopt}));
}

TEST(EncodeParams, WritesTimestampsWithMicrosecondsAndOffset) {
    using namespace std::chrono;
    const core::Timestamp t = sys_days{year{2024} / 2 / 29} + microseconds{1};
    EXPECT_EQ(texts(encode_params(t))[0], "2024-02-29T00:00:00.000001+00:00");
    // Coarser or finer clocks are accepted and truncated to microseconds.
    const sys_time<nanoseconds> fine = sys_days{year{2024} / 2 / 29} + nanoseconds{1999};
    EXPECT_EQ(texts(encode_params(fine))[0], "2024-02-29T00:00:00.000001+00:00");
}

TEST(EncodeParams, SerializesJson) {
    const boost::json::value doc = boost::json::parse(R"({"a":[1,"two"],"b":null})");
    const boost::json::object obj{{"k", "v"}};
    const auto out = texts(encode_params(doc, obj, boost::json::string("s")));
    EXPECT_EQ(boost::json::parse(*out[0]), doc);
    EXPECT_EQ(out[1], R"({"k":"v"})");
    EXPECT_EQ(out[2], R"("s")");
}

TEST(EncodeParams, WritesVectorsAsArrayLiterals) {
    const std::vector<std::string> names{"a\"b", "c,d"};
    const std::vector<std::int64_t> ids{1, -2};
    const std::vector<int> small{3};
    const auto out = texts(encode_params(names, ids, small, std::vector<std::string>{}));
    EXPECT_EQ(out[0], R"({"a\"b","c,d"})");
    EXPECT_EQ(out[1], "{1,-2}");
    EXPECT_EQ(out[2], "{3}");
    EXPECT_EQ(out[3], "{}");
}

TEST(EncodeParams, RefusesStringsWithNulBytes) {
    const std::string bad("a\0b", 3);
    try {
        encode_params(bad);
        FAIL() << "expected DbError";
    } catch (const DbError& e) {
        EXPECT_EQ(e.kind, DbError::Kind::query);
        EXPECT_EQ(e.sqlstate, "22021");
    }
}

}  // namespace
}  // namespace superapp::platform::db
