#include "features/auth/tokens.hpp"

#include <gtest/gtest.h>

#include <set>

namespace superapp::features::auth::tokens {
namespace {

TEST(RefreshToken, IsA256BitBase64UrlStringThatNeverRepeats) {
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        const std::string token = new_refresh_token();
        EXPECT_EQ(token.size(), 43u);
        EXPECT_TRUE(is_refresh_token(token)) << token;
        seen.insert(token);
    }
    EXPECT_EQ(seen.size(), 100u);
}

TEST(RefreshToken, ShapeCheckRefusesAnythingElse) {
    EXPECT_FALSE(is_refresh_token(""));
    EXPECT_FALSE(is_refresh_token(std::string(42, 'A')));
    EXPECT_FALSE(is_refresh_token(std::string(44, 'A')));
    EXPECT_FALSE(is_refresh_token(std::string(42, 'A') + "="));
    EXPECT_FALSE(is_refresh_token(std::string(42, 'A') + "+"));
}

TEST(RefreshToken, IsStoredAsItsSha256) {
    EXPECT_EQ(refresh_token_hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const std::string token = new_refresh_token();
    EXPECT_EQ(refresh_token_hash(token), refresh_token_hash(token));
    EXPECT_EQ(refresh_token_hash(token).find(token), std::string::npos);
}

TEST(RefreshToken, SuccessorIsTheSameEachTimeAndLooksLikeAnyRefreshToken) {
    const std::string token = new_refresh_token();
    const std::string next = successor_refresh_token("secret-a", token);
    EXPECT_TRUE(is_refresh_token(next)) << next;
    EXPECT_EQ(successor_refresh_token("secret-a", token), next);  // a grace reuse gets this one again
    EXPECT_NE(successor_refresh_token("secret-b", token), next);  // unguessable without the key
    EXPECT_NE(successor_refresh_token("secret-a", next), next);
    EXPECT_NE(successor_refresh_token("secret-a", new_refresh_token()), next);
}

TEST(TokenId, Is128RandomBitsInHex) {
    const std::string a = new_id(), b = new_id();
    EXPECT_EQ(a.size(), 32u);
    EXPECT_NE(a, b);
    EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
}

}  // namespace
}  // namespace superapp::features::auth::tokens
