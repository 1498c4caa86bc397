#include "features/cart/settings.hpp"

#include <gtest/gtest.h>

namespace superapp::features::cart {
namespace {

platform::core::Env env_of(std::initializer_list<std::pair<std::string, std::string>> values) {
    platform::core::Env env;
    for (const auto& [k, v] : values) env.set(k, v);
    return env;
}

TEST(CartSettings, DefaultsAreFivePercentAndFortyRupeesBelow499) {
    const Settings s = load_settings(env_of({}));
    EXPECT_EQ(s.gst_basis_points, 500);
    EXPECT_EQ(s.delivery.fee, Money::from_paise(4000));
    EXPECT_EQ(s.delivery.free_above, Money::from_paise(49900));
}

TEST(CartSettings, RatesByCategoryThenParentThenDefault) {
    const Settings s = load_settings(env_of({{"CART_GST_PERCENT", "12"},
                                             {"CART_GST_BY_CATEGORY", "electronics:18, groceries:0"},
                                             {"CART_DELIVERY_FEE", "25.50"}}));
    EXPECT_EQ(s.gst_for("electronics", std::nullopt), 1800);
    EXPECT_EQ(s.gst_for("rice", std::string("groceries")), 0);
    EXPECT_EQ(s.gst_for("toys", std::string("play")), 1200);
    EXPECT_EQ(s.delivery.fee, Money::from_paise(2550));
}

TEST(CartSettings, RefusesBadValuesNamingEach) {
    try {
        load_settings(env_of({{"CART_GST_PERCENT", "101"},
                              {"CART_GST_BY_CATEGORY", "electronics=18"},
                              {"CART_FREE_DELIVERY_ABOVE", "-1"}}));
        FAIL() << "accepted bad settings";
    } catch (const platform::core::ConfigError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("CART_GST_PERCENT"), std::string::npos) << what;
        EXPECT_NE(what.find("CART_GST_BY_CATEGORY"), std::string::npos) << what;
        EXPECT_NE(what.find("CART_FREE_DELIVERY_ABOVE"), std::string::npos) << what;
    }
}

}  // namespace
}  // namespace superapp::features::cart
