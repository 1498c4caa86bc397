#include "platform/core/utf8.hpp"

#include <gtest/gtest.h>

namespace superapp::platform::core {
namespace {

TEST(Utf8Length, CountsCodePointsAndRefusesMalformedText) {
    EXPECT_EQ(utf8_length(""), 0u);
    EXPECT_EQ(utf8_length("abc"), 3u);
    EXPECT_EQ(utf8_length("नमस्ते"), 6u);
    EXPECT_EQ(utf8_length("₹😀"), 2u);
    EXPECT_EQ(utf8_length("ab\xE2\x82"), std::nullopt);
    EXPECT_EQ(utf8_length("\xC0\xAF"), std::nullopt);
}

TEST(Utf8Length, RefusesSurrogatesAndCodePointsAboveTheLast) {
    EXPECT_EQ(utf8_length("\xED\xA0\x80"), std::nullopt);      // U+D800
    EXPECT_EQ(utf8_length("\xF4\x90\x80\x80"), std::nullopt);  // U+110000
    EXPECT_EQ(utf8_length("\xF4\x8F\xBF\xBF"), 1u);            // U+10FFFF
}

}  // namespace
}  // namespace superapp::platform::core
