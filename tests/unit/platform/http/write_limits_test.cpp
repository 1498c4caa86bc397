#include "platform/http/write_limits.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "platform/core/config.hpp"

namespace superapp::platform::http {
namespace {

constexpr std::int64_t kT0 = 1'000'000;

std::vector<LimitKey> one(const std::string& key, std::int64_t per_minute) { return {{key, Limit{per_minute}}}; }

TEST(Gcra, AllowsAFullMinuteAtOnceThenOneEachInterval) {
    const Limit limit{6};  // one every 10 s, six at once
    std::int64_t tat = 0;
    for (int i = 0; i < 6; ++i) {
        const GcraStep step = gcra_step(tat, kT0, limit);
        ASSERT_TRUE(step.allowed) << i;
        tat = step.tat_ms;
    }
    const GcraStep refused = gcra_step(tat, kT0, limit);
    EXPECT_FALSE(refused.allowed);
    EXPECT_EQ(refused.tat_ms, tat) << "a refused step changes nothing";
    EXPECT_FALSE(gcra_step(tat, kT0 + 9'999, limit).allowed);
    EXPECT_TRUE(gcra_step(tat, kT0 + 10'000, limit).allowed);
}

TEST(LocalLimiter, RefusesPastTheLimitWithRetryAfterAndHeaders) {
    LocalLimiter limiter;
    for (int i = 0; i < 3; ++i) {
        const LimitDecision d = limiter.take_at(one("k", 3), kT0);
        ASSERT_TRUE(d.allowed);
        EXPECT_EQ(d.rate.limit, 3);
        EXPECT_EQ(d.rate.remaining, 2 - i);
    }
    const LimitDecision refused = limiter.take_at(one("k", 3), kT0);
    EXPECT_FALSE(refused.allowed);
    EXPECT_EQ(refused.rate.remaining, 0);
    EXPECT_EQ(refused.retry_after, std::chrono::seconds(20));
    EXPECT_EQ(refused.rate.reset, std::chrono::seconds(60));
    EXPECT_TRUE(limiter.take_at(one("k", 3), kT0 + 20'000).allowed);
    EXPECT_TRUE(limiter.take_at(one("other", 3), kT0).allowed) << "keys are counted apart";
}

TEST(LocalLimiter, CountsAllKeysOrNone) {
    LocalLimiter limiter;
    const std::vector<LimitKey> both{{"user", Limit{10}}, {"address", Limit{2}}};
    EXPECT_TRUE(limiter.take_at(both, kT0).allowed);
    EXPECT_TRUE(limiter.take_at(both, kT0).allowed);
    const LimitDecision refused = limiter.take_at(both, kT0);
    EXPECT_FALSE(refused.allowed);
    EXPECT_EQ(refused.rate.limit, 2) << "the tightest allowance is reported";
    // The refusal took nothing from the user's allowance: 8 left of 10.
    const LimitDecision user = limiter.take_at(one("user", 10), kT0);
    EXPECT_TRUE(user.allowed);
    EXPECT_EQ(user.rate.remaining, 7);
}

TEST(LocalLimiter, ForgetsIdleKeysSoMemoryStaysBounded) {
    LocalLimiter limiter(2'000);
    for (int i = 0; i < 50'000; ++i) {
        limiter.take_at(one("address:" + std::to_string(i), 60), kT0 + i * 10);
    }
    EXPECT_LE(limiter.size(), 2'000u);
    // A busy key survives eviction of idle ones long enough to be refused.
    for (int i = 0; i < 5; ++i) limiter.take_at(one("busy", 5), kT0 + 600'000);
    for (int i = 0; i < 3'000; ++i) limiter.take_at(one("idle:" + std::to_string(i), 60), kT0 + 600'000);
    EXPECT_FALSE(limiter.take_at(one("busy", 5), kT0 + 600'001).allowed);
}

TEST(WriteLimitSettings, DefaultsAndOverridesAndRefusals) {
    core::Env env;
    const WriteLimitSettings defaults = load_write_limit_settings(env);
    EXPECT_EQ(defaults.per_user.at("reviews").per_minute, 10);
    EXPECT_EQ(defaults.per_user.size(), write_class_defaults().size());
    env.set("RATE_LIMIT_CART_PER_MINUTE", "7");
    env.set("RATE_LIMIT_ADDRESS_MULTIPLIER", "3");
    const WriteLimitSettings set = load_write_limit_settings(env);
    EXPECT_EQ(set.per_user.at("cart").per_minute, 7);
    EXPECT_EQ(set.address_multiplier, 3);
    env.set("RATE_LIMIT_SHARES_PER_MINUTE", "0");
    EXPECT_THROW(load_write_limit_settings(env), core::ConfigError);
}

TEST(WriteLimits, KeysAreTheUserAndTheAddress) {
    WriteLimitSettings settings = load_write_limit_settings(core::Env{});
    settings.address_multiplier = 4;
    WriteLimits limits(settings, nullptr);
    Request req;
    req.client_ip = "10.1.2.3";
    auto keys = limits.keys("reviews", req);
    ASSERT_EQ(keys.size(), 1u);
    EXPECT_EQ(keys[0].key, "superapp:rl:reviews:address:10.1.2.3");
    EXPECT_EQ(keys[0].limit.per_minute, 40);
    req.principal = Principal{"u1", Role::user, "jti"};
    keys = limits.keys("reviews", req);
    ASSERT_EQ(keys.size(), 2u);
    EXPECT_EQ(keys[0].key, "superapp:rl:reviews:user:u1");
    EXPECT_EQ(keys[0].limit.per_minute, 10);
    EXPECT_THROW(limits.keys("nonsense", req), std::logic_error);
    EXPECT_THROW(rate_limited(limits, "nonsense", Handler{}), std::logic_error);
}

}  // namespace
}  // namespace superapp::platform::http
