#include "features/cart/totals.hpp"

#include <gtest/gtest.h>

namespace superapp::features::cart {
namespace {

Money paise(std::int64_t p) { return Money::from_paise(p); }

PricedLine line(std::string store, std::int64_t quantity, std::int64_t price, std::int64_t original,
                std::int64_t tax_points = 500) {
    PricedLine l;
    l.store_id = std::move(store);
    l.quantity = quantity;
    l.unit_price = paise(price);
    l.unit_original = paise(original);
    l.tax_basis_points = tax_points;
    return l;
}

const DeliveryRule kRule{.fee = paise(4000), .free_above = paise(49900)};

TEST(CartTotals, EmptyCartIsAllZero) {
    const Totals t = compute_totals({}, kRule);
    EXPECT_EQ(t.total, Money());
    EXPECT_TRUE(t.stores.empty());
}

TEST(CartTotals, DiscountIsTheMrpMinusThePrice) {
    const Totals t = compute_totals({line("s1", 2, 19950, 25000)}, kRule);
    EXPECT_EQ(t.subtotal, paise(50000));
    EXPECT_EQ(t.discount, paise(10100));
    EXPECT_EQ(t.tax, paise(1995));       // 5% of 399.00
    EXPECT_EQ(t.delivery, paise(4000));  // 399.00 is below 499.00
    EXPECT_EQ(t.total, paise(50000 - 10100 + 1995 + 4000));
}

TEST(CartTotals, FreeDeliveryAboveThreshold) {
    EXPECT_EQ(compute_totals({line("s1", 1, 49900, 49900)}, kRule).delivery, Money());
    EXPECT_EQ(compute_totals({line("s1", 1, 49899, 49899)}, kRule).delivery, paise(4000));
}

TEST(CartTotals, DeliveryIsChargedPerStore) {
    const Totals t = compute_totals(
        {line("a", 1, 10000, 10000), line("b", 1, 60000, 60000), line("a", 1, 20000, 20000), line("c", 1, 100, 100)},
        kRule);
    ASSERT_EQ(t.stores.size(), 3u);
    EXPECT_EQ(t.stores[0].store_id, "a");
    EXPECT_EQ(t.stores[0].goods, paise(30000));
    EXPECT_EQ(t.stores[0].delivery, paise(4000));
    EXPECT_EQ(t.stores[1].delivery, Money());
    EXPECT_EQ(t.stores[2].delivery, paise(4000));
    EXPECT_EQ(t.delivery, paise(8000));
}

TEST(CartTotals, TaxIsRoundedHalfAwayFromZeroPerLine) {
    // 5% of 3.33 is 0.1665 -> 0.17; 5% of 3.30 is 0.165 -> 0.17 (half up); 5% of 3.29 is 0.1645 -> 0.16.
    EXPECT_EQ(line_tax(paise(333), 1, 500), paise(17));
    EXPECT_EQ(line_tax(paise(330), 1, 500), paise(17));
    EXPECT_EQ(line_tax(paise(329), 1, 500), paise(16));
    // Each line is rounded on its own: two lines of 3.30 are 0.34, not 5% of 6.60 = 0.33.
    const Totals t = compute_totals({line("s", 1, 330, 330), line("s", 1, 331, 331)}, kRule);
    EXPECT_EQ(t.tax, paise(17 + 17));
}

TEST(CartTotals, EachLineHasItsOwnRate) {
    const Totals t = compute_totals({line("s", 1, 10000, 10000, 1800), line("s", 1, 10000, 10000, 0)}, kRule);
    EXPECT_EQ(t.tax, paise(1800));
    EXPECT_EQ(t.stores[0].tax, paise(1800));
}

TEST(CartTotals, BelowAStoresMinimumOrderIsFlaggedForThatStore) {
    PricedLine small = line("a", 1, 5000, 5000);
    small.store_minimum_order = paise(9950);
    PricedLine enough = line("b", 2, 5000, 5000);
    enough.store_minimum_order = paise(10000);
    const Totals t = compute_totals({small, enough}, kRule);
    EXPECT_TRUE(t.stores[0].below_minimum);
    EXPECT_EQ(t.stores[0].minimum_order, paise(9950));
    EXPECT_FALSE(t.stores[1].below_minimum);
}

TEST(CartTotals, CashbackIsTheStoresPercentOfItsShare) {
    PricedLine l = line("a", 1, 10000, 10000);
    l.store_cashback_basis_points = 250;  // 2.5% of 100 + 5 tax + 40 delivery = 3.625 -> 3.63
    const Totals t = compute_totals({l, line("b", 1, 10000, 10000)}, kRule);
    EXPECT_EQ(t.stores[0].cashback, paise(363));
    EXPECT_EQ(t.stores[1].cashback, Money());
    EXPECT_EQ(t.cashback, paise(363));
}

}  // namespace
}  // namespace superapp::features::cart
