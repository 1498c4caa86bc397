#include "features/auth/jwt.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>

#include "platform/core/base64.hpp"

namespace superapp::features::auth::jwt {
namespace {

using namespace std::chrono_literals;
using platform::core::base64url_encode;
using platform::http::Role;

constexpr std::string_view kSecret = "test-secret-of-at-least-32-characters!!";
constexpr std::string_view kUserId = "65a1f0c2e4b0a1b2c3d4e5f6";
const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000));
constexpr std::int64_t kNowS = 1'800'000'000;

Claims claims_at(std::int64_t iat, std::int64_t exp, Role role = Role::user) {
    return Claims{std::string(kUserId), role, "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210",
                  3, iat, exp};
}

// Signs header.payload with HMAC-SHA256 as any JWT library would, to build tokens libjwt would not.
std::string hs256(std::string_view header_json, std::string_view payload_json, std::string_view secret) {
    const std::string input = base64url_encode(header_json) + "." + base64url_encode(payload_json);
    std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
    unsigned int size = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
         reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac.data(), &size);
    return input + "." + base64url_encode(std::string_view(reinterpret_cast<const char*>(mac.data()), size));
}

std::string payload(std::int64_t iat, std::int64_t exp, std::string_view role = "user") {
    return R"({"sub":")" + std::string(kUserId) + R"(","role":")" + std::string(role) +
           R"(","jti":"abc","fid":"def","ver":0,"iat":)" + std::to_string(iat) + R"(,"exp":)" + std::to_string(exp) +
           "}";
}

TEST(Jwt, VerifiesWhatItEncodes) {
    const std::string token = encode(claims_at(kNowS, kNowS + 900, Role::merchant), kSecret);
    const auto verified = verify(token, kSecret, kNow, 10s);
    ASSERT_TRUE(verified.claims) << to_string(verified.failure);
    EXPECT_EQ(verified.claims->sub, kUserId);
    EXPECT_EQ(verified.claims->role, Role::merchant);
    EXPECT_EQ(verified.claims->jti, "0123456789abcdef0123456789abcdef");
    EXPECT_EQ(verified.claims->fid, "fedcba9876543210fedcba9876543210");
    EXPECT_EQ(verified.claims->ver, 3);
    EXPECT_EQ(verified.claims->iat, kNowS);
    EXPECT_EQ(verified.claims->exp, kNowS + 900);
}

TEST(Jwt, WritesAnHs256Header) {
    const std::string token = encode(claims_at(kNowS, kNowS + 900), kSecret);
    const auto header = platform::core::base64url_decode(token.substr(0, token.find('.')));
    ASSERT_TRUE(header);
    EXPECT_NE(header->find(R"("alg":"HS256")"), std::string::npos) << *header;
}

TEST(Jwt, AcceptsATokenSignedElsewhereWithTheSameSecret) {
    const auto verified =
        verify(hs256(R"({"alg":"HS256","typ":"JWT"})", payload(kNowS, kNowS + 60), kSecret), kSecret, kNow, 10s);
    ASSERT_TRUE(verified.claims) << to_string(verified.failure);
}

TEST(Jwt, RefusesATamperedPayload) {
    const std::string token = encode(claims_at(kNowS, kNowS + 900), kSecret);
    const std::size_t first = token.find('.');
    const std::size_t second = token.find('.', first + 1);
    const std::string forged =
        token.substr(0, first + 1) + base64url_encode(payload(kNowS, kNowS + 900, "admin")) + token.substr(second);
    const auto verified = verify(forged, kSecret, kNow, 10s);
    EXPECT_FALSE(verified.claims);
    EXPECT_EQ(verified.failure, Failure::signature);
}

TEST(Jwt, RefusesATamperedSignature) {
    std::string token = encode(claims_at(kNowS, kNowS + 900), kSecret);
    token.back() = token.back() == 'A' ? 'B' : 'A';
    EXPECT_FALSE(verify(token, kSecret, kNow, 10s).claims);
}

TEST(Jwt, RefusesAlgNone) {
    const std::string body = base64url_encode(R"({"alg":"none","typ":"JWT"})") + "." +
                             base64url_encode(payload(kNowS, kNowS + 900, "admin"));
    const auto with_signature = verify(body + ".c2lnbmF0dXJl", kSecret, kNow, 10s);
    EXPECT_FALSE(with_signature.claims);
    EXPECT_EQ(with_signature.failure, Failure::algorithm);
    EXPECT_FALSE(verify(body + ".", kSecret, kNow, 10s).claims);
    EXPECT_FALSE(verify(body, kSecret, kNow, 10s).claims);
    const std::string upper = base64url_encode(R"({"alg":"NONE"})") + "." + base64url_encode(payload(kNowS, kNowS + 9));
    EXPECT_FALSE(verify(upper + ".x", kSecret, kNow, 10s).claims);
}

TEST(Jwt, RefusesOtherAlgorithmsEvenWithAValidMac) {
    // An HS256 MAC under a header that names another algorithm: the header decides nothing.
    for (const char* header : {R"({"alg":"HS512","typ":"JWT"})", R"({"alg":"RS256"})", R"({"typ":"JWT"})",
                               R"({"alg":["HS256"]})", R"({"alg":"hs256"})"}) {
        const auto verified = verify(hs256(header, payload(kNowS, kNowS + 60), kSecret), kSecret, kNow, 10s);
        EXPECT_FALSE(verified.claims) << header;
        EXPECT_EQ(verified.failure, Failure::algorithm) << header;
    }
}

TEST(Jwt, RefusesAWrongSecret) {
    const std::string token = encode(claims_at(kNowS, kNowS + 900), "another-secret-of-at-least-32-characters");
    const auto verified = verify(token, kSecret, kNow, 10s);
    EXPECT_FALSE(verified.claims);
    EXPECT_EQ(verified.failure, Failure::signature);
}

TEST(Jwt, ExpiresAfterExpPlusLeeway) {
    const std::string token = encode(claims_at(kNowS - 900, kNowS - 5), kSecret);
    EXPECT_TRUE(verify(token, kSecret, kNow, 10s).claims) << "5 s past exp is within a 10 s leeway";
    const auto late = verify(token, kSecret, kNow + 5s, 10s);
    EXPECT_FALSE(late.claims);
    EXPECT_EQ(late.failure, Failure::expired);
    EXPECT_EQ(verify(token, kSecret, kNow, 0s).failure, Failure::expired);
}

TEST(Jwt, RefusesATokenIssuedInTheFuture) {
    const std::string token = encode(claims_at(kNowS + 60, kNowS + 960), kSecret);
    EXPECT_EQ(verify(token, kSecret, kNow, 10s).failure, Failure::claims);
    EXPECT_TRUE(verify(encode(claims_at(kNowS + 5, kNowS + 905), kSecret), kSecret, kNow, 10s).claims);
}

TEST(Jwt, RefusesMissingOrMalformedClaims) {
    const std::string h = R"({"alg":"HS256","typ":"JWT"})";
    const std::string iat = std::to_string(kNowS), exp = std::to_string(kNowS + 60);
    for (const std::string& p : {
             R"({"role":"user","jti":"a","iat":)" + iat + R"(,"exp":)" + exp + "}",
             R"({"sub":"65a1f0c2e4b0a1b2c3d4e5f6","jti":"a","iat":)" + iat + R"(,"exp":)" + exp + "}",
             R"({"sub":"65a1f0c2e4b0a1b2c3d4e5f6","role":"user","iat":)" + iat + R"(,"exp":)" + exp + "}",
             R"({"sub":"65a1f0c2e4b0a1b2c3d4e5f6","role":"user","jti":"a","exp":)" + exp + "}",
             R"({"sub":"65a1f0c2e4b0a1b2c3d4e5f6","role":"user","jti":"a","iat":)" + iat + "}",
             R"({"sub":"not-an-id","role":"user","jti":"a","iat":)" + iat + R"(,"exp":)" + exp + "}",
             R"({"sub":"65a1f0c2e4b0a1b2c3d4e5f6","role":"root","jti":"a","iat":)" + iat + R"(,"exp":)" + exp + "}",
             R"({"sub":"65a1f0c2e4b0a1b2c3d4e5f6","role":"user","jti":"","iat":)" + iat + R"(,"exp":)" + exp + "}",
         }) {
        const auto verified = verify(hs256(h, p, kSecret), kSecret, kNow, 10s);
        EXPECT_FALSE(verified.claims) << p;
        EXPECT_EQ(verified.failure, Failure::claims) << p;
    }
    // The family and session version are required: a token without them (issued before they
    // existed) is refused, and the client refreshes.
    const std::string base =
        R"({"sub":"65a1f0c2e4b0a1b2c3d4e5f6","role":"user","jti":"a","iat":)" + iat + R"(,"exp":)" + exp;
    for (const std::string& p : {
             base + "}",
             base + R"(,"ver":0})",
             base + R"(,"fid":"f"})",
             base + R"(,"fid":"","ver":0})",
             base + R"(,"fid":"f","ver":-1})",
             base + R"(,"fid":"f","ver":"0"})",
             base + R"(,"fid":"f","ver":0.5})",
             base + R"(,"fid":7,"ver":0})",
         }) {
        const auto verified = verify(hs256(h, p, kSecret), kSecret, kNow, 10s);
        EXPECT_FALSE(verified.claims) << p;
        EXPECT_EQ(verified.failure, Failure::claims) << p;
    }
}

TEST(Jwt, RefusesMalformedTokens) {
    for (const char* token : {"", "abc", "a.b", "a.b.c.d", "..", "a..c", "a.b.", ".b.c", "a b.c.d",
                              "a.b.c=", "eyJhbGciOiJIUzI1NiJ9.e30.+/=="}) {
        const auto verified = verify(token, kSecret, kNow, 10s);
        EXPECT_FALSE(verified.claims) << token;
    }
    EXPECT_EQ(verify(std::string(5000, 'a'), kSecret, kNow, 10s).failure, Failure::malformed);
}

}  // namespace
}  // namespace superapp::features::auth::jwt
