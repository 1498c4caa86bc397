#include "platform/core/base64.hpp"

#include <gtest/gtest.h>

namespace superapp::platform::core {
namespace {

TEST(Base64Url, EncodesRfc4648VectorsWithoutPadding) {
    EXPECT_EQ(base64url_encode(""), "");
    EXPECT_EQ(base64url_encode("f"), "Zg");
    EXPECT_EQ(base64url_encode("fo"), "Zm8");
    EXPECT_EQ(base64url_encode("foo"), "Zm9v");
    EXPECT_EQ(base64url_encode("foobar"), "Zm9vYmFy");
    EXPECT_EQ(base64url_encode(std::string("\xfb\xff\xfe", 3)), "-__-");
}

TEST(Base64Url, DecodesWhatItEncodes) {
    std::string all;
    for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
    for (std::size_t n = 0; n <= all.size(); n += 17) {
        const std::string bytes = all.substr(0, n);
        EXPECT_EQ(base64url_decode(base64url_encode(bytes)), bytes);
    }
}

TEST(Base64Url, RefusesOtherAlphabetsPaddingAndBadLengths) {
    EXPECT_FALSE(base64url_decode("Zm9v+A"));
    EXPECT_FALSE(base64url_decode("Zm9v/A"));
    EXPECT_FALSE(base64url_decode("Zg=="));
    EXPECT_FALSE(base64url_decode("Zm9vY"));  // 4n+1 characters
    EXPECT_FALSE(base64url_decode("Zh"));     // spare bits set: not the canonical form of "f"
    EXPECT_FALSE(base64url_decode("Zm 9v"));
}

}  // namespace
}  // namespace superapp::platform::core
