#include <gtest/gtest.h>

#include "features/cart/model.hpp"

namespace superapp::features::cart {
namespace {

Offer offer_of(std::optional<std::string> owner, std::int64_t basis_points) {
    Offer o;
    o.store_owner_id = std::move(owner);
    o.store_cashback_basis_points = basis_points;
    return o;
}

TEST(CartCashback, AShopperGetsTheStoresCashback) {
    EXPECT_EQ(cashback_basis_points(offer_of("64b7f0a1c2d3e4f5a6b7c802", 1000), {"64b7f0a1c2d3e4f5a6b7c803", false}),
              1000);
    EXPECT_EQ(cashback_basis_points(offer_of(std::nullopt, 250), {"64b7f0a1c2d3e4f5a6b7c803", false}), 250);
}

TEST(CartCashback, NobodyEarnsCashbackOnASaleToThemselves) {
    EXPECT_EQ(cashback_basis_points(offer_of("64b7f0a1c2d3e4f5a6b7c802", 10000), {"64b7f0a1c2d3e4f5a6b7c802", false}),
              0);
}

TEST(CartCashback, AnAdminCanManageEveryStoreAndEarnsNone) {
    EXPECT_EQ(cashback_basis_points(offer_of("64b7f0a1c2d3e4f5a6b7c802", 1000), {"64b7f0a1c2d3e4f5a6b7c801", true}), 0);
    EXPECT_EQ(cashback_basis_points(offer_of(std::nullopt, 1000), {"64b7f0a1c2d3e4f5a6b7c801", true}), 0);
}

}  // namespace
}  // namespace superapp::features::cart
