#include "features/catalog/offer_limits.hpp"

#include <gtest/gtest.h>

#include "platform/core/config.hpp"

namespace superapp::features::catalog {
namespace {

TEST(OfferLimits, AMerchantSetsAtMostTheCap) {
    const OfferLimits limits;  // 10 %
    EXPECT_FALSE(cashback_refusal(0, false, limits));
    EXPECT_FALSE(cashback_refusal(10, false, limits));
    const auto refused = cashback_refusal(10.5, false, limits);
    ASSERT_TRUE(refused);
    EXPECT_EQ(*refused, "must be at most 10 (a higher cashback is set by an admin)");
    EXPECT_TRUE(cashback_refusal(100, false, limits));
}

TEST(OfferLimits, AnAdminSetsAnyPercent) {
    EXPECT_FALSE(cashback_refusal(100, true, OfferLimits{}));
    EXPECT_FALSE(cashback_refusal(3, true, OfferLimits{.max_merchant_cashback_percent = 2}));
}

TEST(OfferLimits, TheCapIsASetting) {
    platform::core::Env env;
    env.set("CASHBACK_MAX_PERCENT", "25");
    EXPECT_EQ(load_offer_limits(env).max_merchant_cashback_percent, 25);
    env.set("CASHBACK_MAX_PERCENT", "101");
    EXPECT_THROW(load_offer_limits(env), platform::core::ConfigError);
}

}  // namespace
}  // namespace superapp::features::catalog
