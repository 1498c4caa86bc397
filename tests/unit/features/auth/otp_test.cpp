#include "features/auth/otp.hpp"

#include <gtest/gtest.h>

#include <set>

namespace superapp::features::auth::otp {
namespace {

using namespace std::chrono_literals;

const Timestamp kNow = Timestamp(std::chrono::sys_days(std::chrono::year(2026) / 11 / 24)) + 12h;

TEST(OtpCode, IsSixDigitsAndVaries) {
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        const std::string code = generate_code();
        EXPECT_TRUE(is_code(code)) << code;
        seen.insert(code);
    }
    EXPECT_GT(seen.size(), 190u);
}

TEST(OtpCode, ShapeIsExactlySixAsciiDigits) {
    EXPECT_TRUE(is_code("000000"));
    EXPECT_TRUE(is_code("123456"));
    EXPECT_FALSE(is_code("12345"));
    EXPECT_FALSE(is_code("1234567"));
    EXPECT_FALSE(is_code("12345a"));
    EXPECT_FALSE(is_code(" 12345"));
    EXPECT_FALSE(is_code(""));
}

TEST(OtpHash, IsKeyedHmacBoundToTheNumber) {
    const std::string h = hash_code("secret", "+919876543210", "123456");
    EXPECT_EQ(h.size(), 64u);
    EXPECT_EQ(h, hash_code("secret", "+919876543210", "123456"));
    EXPECT_NE(h, hash_code("other secret", "+919876543210", "123456"));
    EXPECT_NE(h, hash_code("secret", "+919876543211", "123456"));
    EXPECT_NE(h, hash_code("secret", "+919876543210", "123457"));
    EXPECT_EQ(h.find("123456"), std::string::npos);
}

TEST(OtpHash, MatchesAKnownHmacSha256) {
    // HMAC-SHA256(key "key", "+91:0") computed independently (openssl dgst -sha256 -hmac key).
    EXPECT_EQ(hash_code("key", "+91", "0"), "4d4bcea5e4c3d7384c69e343acf591e1f5efd02d3e139e52635617d9a0595488");
}

TEST(OtpHash, ComparesExactly) {
    EXPECT_TRUE(hashes_equal("abcd", "abcd"));
    EXPECT_FALSE(hashes_equal("abcd", "abce"));
    EXPECT_FALSE(hashes_equal("abcd", "abc"));
}

TEST(OtpCheck, AcceptsTheRightCodeInTime) {
    const StoredCode code{"h", kNow + 10s, 0};
    EXPECT_EQ(check(code, "h", kNow, {}), Verdict::accepted);
    EXPECT_EQ(check(code, "x", kNow, {}), Verdict::wrong);
}

TEST(OtpCheck, ExpiresAtItsExpiryTime) {
    const StoredCode code{"h", kNow, 0};
    EXPECT_EQ(check(code, "h", kNow - 1us, {}), Verdict::accepted);
    EXPECT_EQ(check(code, "h", kNow, {}), Verdict::expired);
    EXPECT_EQ(check(code, "x", kNow + 1s, {}), Verdict::expired);
}

TEST(OtpCheck, DiesAfterMaxWrongTriesEvenForTheRightCode) {
    const CodeRules rules{300s, 5};
    EXPECT_EQ(check({"h", kNow + 60s, 4}, "h", kNow, rules), Verdict::accepted);
    EXPECT_EQ(check({"h", kNow + 60s, 5}, "h", kNow, rules), Verdict::exhausted);
    EXPECT_EQ(check({"h", kNow + 60s, 5}, "x", kNow, rules), Verdict::exhausted);
    EXPECT_EQ(check({"h", kNow - 60s, 5}, "h", kNow, rules), Verdict::exhausted);
}

TEST(OtpSend, AllowsTheFirstCodeAndCountsWhatIsLeft) {
    const auto d = may_send({}, {}, kNow);
    EXPECT_EQ(d.refused_by, SendLimit::none);
    EXPECT_EQ(d.phone_remaining, 4);
    EXPECT_EQ(d.phone_reset, 3600s);
}

TEST(OtpSend, RefusesWithinTheCooldownAndSaysHowLong) {
    SendHistory h{kNow - 15s, 1, kNow - 15s, 1, kNow - 15s};
    auto d = may_send(h, {}, kNow);
    EXPECT_EQ(d.refused_by, SendLimit::cooldown);
    EXPECT_EQ(d.retry_after, 45s);
    h.last_to_phone = kNow - 60s;
    EXPECT_EQ(may_send(h, {}, kNow).refused_by, SendLimit::none);
}

TEST(OtpSend, RefusesTheSixthCodeToANumberWithinAnHour) {
    const SendHistory h{kNow - 5min, 5, kNow - 50min, 1, kNow - 5min};
    const auto d = may_send(h, {}, kNow);
    EXPECT_EQ(d.refused_by, SendLimit::phone_hourly);
    EXPECT_EQ(d.retry_after, 600s);  // when the oldest of the five turns an hour old
    EXPECT_EQ(d.phone_remaining, 0);
}

TEST(OtpSend, RefusesTheTwentyFirstCodeFromOneAddress) {
    const SendHistory h{std::nullopt, 0, std::nullopt, 20, kNow - 59min};
    const auto d = may_send(h, {}, kNow);
    EXPECT_EQ(d.refused_by, SendLimit::ip_hourly);
    EXPECT_EQ(d.retry_after, 60s);
}

TEST(OtpSend, LimitsComeFromTheSettings) {
    const SendLimits limits{0s, 2, 3};
    EXPECT_EQ(may_send({kNow, 1, kNow, 1, kNow}, limits, kNow).refused_by, SendLimit::none);
    EXPECT_EQ(may_send({kNow, 2, kNow, 2, kNow}, limits, kNow).refused_by, SendLimit::phone_hourly);
    EXPECT_EQ(may_send({std::nullopt, 0, std::nullopt, 3, kNow}, limits, kNow).refused_by, SendLimit::ip_hourly);
}

}  // namespace
}  // namespace superapp::features::auth::otp
