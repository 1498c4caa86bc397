#include "platform/core/cursor.hpp"

#include <gtest/gtest.h>

#include "platform/core/base64.hpp"

namespace superapp::platform::core {
namespace {

TEST(Cursor, RoundTripsTimeAndId) {
    const CreatedAtPosition position{Timestamp(std::chrono::microseconds(1'764'000'000'123'456)),
                                     "65a1f0c2e4b0a1b2c3d4e5f6"};
    const auto decoded = decode_cursor(encode_cursor(position));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->created_at, position.created_at);
    EXPECT_EQ(decoded->id, position.id);
}

TEST(Cursor, RefusesTextItDidNotWrite) {
    EXPECT_FALSE(decode_cursor(""));
    EXPECT_FALSE(decode_cursor("not a cursor"));
    EXPECT_FALSE(decode_cursor(base64url_encode("12345")));                         // no id
    EXPECT_FALSE(decode_cursor(base64url_encode("123.xyz")));                       // not an ObjectId
    EXPECT_FALSE(decode_cursor(base64url_encode("abc.65a1f0c2e4b0a1b2c3d4e5f6")));  // not a time
    EXPECT_FALSE(decode_cursor(base64url_encode(".65a1f0c2e4b0a1b2c3d4e5f6")));     // empty time
}

TEST(Cursor, RefusesTimesOutsideTheYearsOneToNineThousandNineHundredNinetyNine) {
    const std::string id = ".65a1f0c2e4b0a1b2c3d4e5f6";
    EXPECT_FALSE(decode_cursor(base64url_encode("9223372036854775807" + id)));
    EXPECT_FALSE(decode_cursor(base64url_encode("-9223372036854775807" + id)));
    EXPECT_FALSE(decode_cursor(base64url_encode("253402300800000000" + id)));  // 10000-01-01
    EXPECT_TRUE(decode_cursor(base64url_encode("253402300799999999" + id)));   // the last instant of 9999
    EXPECT_TRUE(decode_cursor(base64url_encode("-62135596800000000" + id)));   // 0001-01-01
    EXPECT_TRUE(decode_cursor(base64url_encode("0" + id)));
}

}  // namespace
}  // namespace superapp::platform::core
