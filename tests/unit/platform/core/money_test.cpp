#include "platform/core/money.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>

#include "platform/core/json.hpp"

namespace superapp::platform::core {
namespace {

namespace json = boost::json;

std::optional<std::int64_t> paise_of(const json::value& v, std::string* error = nullptr) {
    const auto m = Money::from_json(v, error);
    return m ? std::optional<std::int64_t>(m->paise()) : std::nullopt;
}

std::string error_of(const json::value& v) {
    std::string error;
    EXPECT_FALSE(Money::from_json(v, &error).has_value()) << core::serialize(v);
    return error;
}

TEST(Money, JsonIntegerIsWholeRupees) {
    EXPECT_EQ(paise_of(json::value(499)), 49'900);
    EXPECT_EQ(paise_of(json::value(0)), 0);
    EXPECT_EQ(paise_of(json::value(std::uint64_t{7})), 700);
}

TEST(Money, JsonDoubleWithTwoDecimalsIsExact) {
    EXPECT_EQ(paise_of(json::parse("499.5")), 49'950);
    EXPECT_EQ(paise_of(json::parse("499.95")), 49'995);
    EXPECT_EQ(paise_of(json::parse("0.05")), 5);
    EXPECT_EQ(paise_of(json::parse("0.29")), 29);  // 0.29 * 100 == 28.999999999999996
    EXPECT_EQ(paise_of(json::parse("1.1")), 110);
    EXPECT_EQ(paise_of(json::parse("100.0")), 10'000);
    EXPECT_EQ(paise_of(json::parse("1e2")), 10'000);
    EXPECT_EQ(paise_of(json::parse("-0.0")), 0);
}

TEST(Money, EveryTwoDecimalAmountUpToTenThousandRupeesReadsBackExactly) {
    for (std::int64_t paise = 0; paise <= 1'000'000; ++paise) {
        const double d = static_cast<double>(paise) / 100.0;
        const auto m = Money::from_json(json::value(d));
        ASSERT_TRUE(m.has_value()) << paise;
        ASSERT_EQ(m->paise(), paise);
    }
}

TEST(Money, LargeTwoDecimalAmountsReadBackExactly) {
    for (std::int64_t paise : {Money::kMaxPaise, Money::kMaxPaise - 1, Money::kMaxPaise - 99,
                               std::int64_t{123'456'789'012}, std::int64_t{9'999'999'999'999}}) {
        const auto m = Money::from_json(json::parse(core::serialize(Money::from_paise(paise).to_json())));
        ASSERT_TRUE(m.has_value()) << paise;
        EXPECT_EQ(m->paise(), paise);
    }
}

TEST(Money, AmountsParsedByBoostJsonAcrossTheWholeRangeAreExact) {
    // Boost 1.81 reads numbers of up to 15 significant digits exactly; every accepted amount has at most 14.
    std::mt19937_64 rng(7);
    for (int i = 0; i < 200'000; ++i) {
        const auto paise = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(Money::kMaxPaise + 1));
        const std::string text = Money::from_paise(paise).to_string();
        const auto m = Money::from_json(json::parse(text));
        ASSERT_TRUE(m.has_value()) << text;
        ASSERT_EQ(m->paise(), paise) << text;
    }
}

TEST(Money, RejectsMoreThanTwoDecimals) {
    EXPECT_EQ(error_of(json::parse("499.955")), "must be an amount in rupees with at most two decimals");
    EXPECT_EQ(error_of(json::parse("0.001")), "must be an amount in rupees with at most two decimals");
    EXPECT_EQ(error_of(json::parse("0.125")), "must be an amount in rupees with at most two decimals");
    EXPECT_EQ(error_of(json::value("1.234")), "must be an amount in rupees with at most two decimals");
}

TEST(Money, RejectsNanAndInfinity) {
    EXPECT_FALSE(Money::from_json(json::value(std::numeric_limits<double>::quiet_NaN())));
    EXPECT_FALSE(Money::from_json(json::value(std::numeric_limits<double>::infinity())));
    EXPECT_FALSE(Money::from_json_signed(json::value(-std::numeric_limits<double>::infinity())));
}

TEST(Money, RejectsNegativeUnlessSigned) {
    EXPECT_EQ(error_of(json::value(-1)), "must not be negative");
    EXPECT_EQ(error_of(json::parse("-0.5")), "must not be negative");
    EXPECT_EQ(error_of(json::value("-5")), "must not be negative");
    EXPECT_EQ(Money::from_json_signed(json::value(-1))->paise(), -100);
    EXPECT_EQ(Money::from_json_signed(json::parse("-0.5"))->paise(), -50);
    EXPECT_EQ(Money::from_json_signed(json::value("-499.50"))->paise(), -49'950);
}

TEST(Money, RejectsAmountsAboveTenToTheThirteenPaise) {
    EXPECT_EQ(paise_of(json::value(100'000'000'000)), Money::kMaxPaise);
    EXPECT_EQ(error_of(json::value(100'000'000'001)), "must be at most 100000000000 rupees");
    EXPECT_EQ(error_of(json::value(std::numeric_limits<std::uint64_t>::max())), "must be at most 100000000000 rupees");
    EXPECT_EQ(error_of(json::value(std::numeric_limits<std::int64_t>::max())), "must be at most 100000000000 rupees");
    EXPECT_EQ(error_of(json::parse("100000000000.01")), "must be at most 100000000000 rupees");
    EXPECT_EQ(error_of(json::parse("1e300")), "must be at most 100000000000 rupees");
    EXPECT_EQ(error_of(json::value("100000000000.01")), "must be at most 100000000000 rupees");
    EXPECT_EQ(error_of(json::value("99999999999999999999999")), "must be at most 100000000000 rupees");
    EXPECT_FALSE(Money::from_json_signed(json::value(-100'000'000'001)));
}

TEST(Money, StringsMayCarryZeroOneOrTwoDecimals) {
    EXPECT_EQ(paise_of(json::value("499.50")), 49'950);
    EXPECT_EQ(paise_of(json::value("499.5")), 49'950);
    EXPECT_EQ(paise_of(json::value("499")), 49'900);
    EXPECT_EQ(paise_of(json::value("0.05")), 5);
    EXPECT_EQ(Money::parse("12.3")->paise(), 1'230);
}

TEST(Money, StringsOtherThanPlainDecimalsAreRejected) {
    for (const char* text :
         {"", "-", ".", ".5", "5.", "+5", " 5", "5 ", "1e2", "1,000", "0x10", "5..0", "abc", "1.-5"}) {
        std::string error;
        EXPECT_FALSE(Money::parse(text, &error)) << text;
        EXPECT_FALSE(error.empty()) << text;
    }
}

TEST(Money, OtherJsonKindsAreRejected) {
    EXPECT_EQ(error_of(json::value(nullptr)), "must be an amount in rupees");
    EXPECT_EQ(error_of(json::value(true)), "must be an amount in rupees");
    EXPECT_EQ(error_of(json::parse("[1]")), "must be an amount in rupees");
    EXPECT_EQ(error_of(json::parse("{}")), "must be an amount in rupees");
}

TEST(Money, ToJsonIsIntegerForWholeRupeesElseTwoDecimalNumber) {
    EXPECT_EQ(Money::from_paise(49'900).to_json(), json::value(499));
    EXPECT_TRUE(Money::from_paise(49'900).to_json().is_int64());
    EXPECT_EQ(core::serialize(Money::from_paise(49'950).to_json()), "499.5");
    EXPECT_EQ(core::serialize(Money::from_paise(49'995).to_json()), "499.95");
    EXPECT_EQ(core::serialize(Money::from_paise(5).to_json()), "0.05");
    EXPECT_EQ(core::serialize(Money::from_paise(29).to_json()), "0.29");
    EXPECT_EQ(core::serialize(Money::from_paise(-150).to_json()), "-1.5");
    EXPECT_EQ(core::serialize(Money::from_paise(0).to_json()), "0");
}

TEST(Money, EveryAmountSerializesWithAtMostTwoDecimals) {
    for (std::int64_t paise = 0; paise <= 200'000; ++paise) {
        const std::string text = core::serialize(Money::from_paise(paise).to_json());
        const auto dot = text.find('.');
        ASSERT_TRUE(dot == std::string::npos || text.size() - dot - 1 <= 2) << text;
        ASSERT_EQ(text.find('e'), std::string::npos) << text;
        ASSERT_EQ(Money::parse(text)->paise(), paise) << text;
    }
}

TEST(Money, ToStringAlwaysHasTwoDecimals) {
    EXPECT_EQ(Money::from_paise(49'950).to_string(), "499.50");
    EXPECT_EQ(Money::from_paise(49'900).to_string(), "499.00");
    EXPECT_EQ(Money::from_paise(5).to_string(), "0.05");
    EXPECT_EQ(Money::from_paise(0).to_string(), "0.00");
    EXPECT_EQ(Money::from_paise(-5).to_string(), "-0.05");
    EXPECT_EQ(Money::from_paise(std::numeric_limits<std::int64_t>::min()).to_string(), "-92233720368547758.08");
}

TEST(Money, ArithmeticIsInPaise) {
    const Money a = Money::from_paise(49'950);
    const Money b = Money::from_paise(50);
    EXPECT_EQ((a + b).paise(), 50'000);
    EXPECT_EQ((a - b).paise(), 49'900);
    EXPECT_EQ((b - a).paise(), -49'900);
    EXPECT_EQ((a * 3).paise(), 149'850);
    EXPECT_EQ((3 * a).paise(), 149'850);
    EXPECT_EQ((-a).paise(), -49'950);
    Money total;
    total += a;
    total += a;
    total -= b;
    EXPECT_EQ(total.paise(), 99'850);
}

TEST(Money, ComparesByAmount) {
    EXPECT_LT(Money::from_paise(1), Money::from_paise(2));
    EXPECT_EQ(Money::from_paise(5), Money::from_paise(5));
    EXPECT_NE(Money::from_paise(5), Money::from_paise(6));
    EXPECT_GT(Money(), Money::from_paise(-1));
}

TEST(Money, OverflowThrowsInsteadOfWrapping) {
    const Money max = Money::from_paise(std::numeric_limits<std::int64_t>::max());
    const Money min = Money::from_paise(std::numeric_limits<std::int64_t>::min());
    EXPECT_THROW(max + Money::from_paise(1), std::overflow_error);
    EXPECT_THROW(min - Money::from_paise(1), std::overflow_error);
    EXPECT_THROW(max * 2, std::overflow_error);
    EXPECT_THROW(-min, std::overflow_error);
    EXPECT_THROW(max.scaled(3, 2), std::overflow_error);
}

TEST(RoundHalfUp, RoundsToNearestWithHalvesAwayFromZero) {
    EXPECT_EQ(round_half_up(5, 2), 3);    // 2.5
    EXPECT_EQ(round_half_up(7, 2), 4);    // 3.5
    EXPECT_EQ(round_half_up(-5, 2), -3);  // -2.5
    EXPECT_EQ(round_half_up(5, -2), -3);
    EXPECT_EQ(round_half_up(-5, -2), 3);
    EXPECT_EQ(round_half_up(149, 100), 1);
    EXPECT_EQ(round_half_up(150, 100), 2);
    EXPECT_EQ(round_half_up(-149, 100), -1);
    EXPECT_EQ(round_half_up(-150, 100), -2);
    EXPECT_EQ(round_half_up(0, 7), 0);
    EXPECT_EQ(round_half_up(10, 5), 2);
    EXPECT_EQ(round_half_up(1, 3), 0);
    EXPECT_EQ(round_half_up(2, 3), 1);
}

TEST(RoundHalfUp, HandlesExtremesWithoutOverflow) {
    constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
    constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
    EXPECT_EQ(round_half_up(kMax, 1), kMax);
    EXPECT_EQ(round_half_up(kMax, 2), kMax / 2 + 1);
    EXPECT_EQ(round_half_up(kMin, 2), kMin / 2);
    EXPECT_EQ(round_half_up(kMin, kMin), 1);
    EXPECT_THROW(round_half_up(kMin, -1), std::overflow_error);
    EXPECT_THROW(round_half_up(1, 0), std::domain_error);
}

TEST(MoneyScaled, FivePercentTaxOf333PaiseIs17Paise) {
    EXPECT_EQ(Money::from_paise(333).scaled(5, 100).paise(), 17);  // 16.65
    EXPECT_EQ(Money::from_paise(330).scaled(5, 100).paise(), 17);  // 16.5
    EXPECT_EQ(Money::from_paise(329).scaled(5, 100).paise(), 16);  // 16.45
}

TEST(MoneyScaled, RefundRoundsLikeTheChargeItMirrors) {
    EXPECT_EQ(Money::from_paise(-333).scaled(5, 100).paise(), -17);
    EXPECT_EQ(Money::from_paise(-330).scaled(5, 100).paise(), -17);
}

TEST(MoneyScaled, BasisPointsOfLargeAmountsUseWideIntermediates) {
    // 18% GST in basis points on the largest accepted amount: the product exceeds int64 before dividing.
    EXPECT_EQ(Money::from_paise(Money::kMaxPaise).scaled(1800, 10'000).paise(), Money::kMaxPaise * 18 / 100);
    EXPECT_EQ(Money::from_paise(std::numeric_limits<std::int64_t>::max()).scaled(1, 3).paise(),
              std::numeric_limits<std::int64_t>::max() / 3);
    EXPECT_THROW(Money::from_paise(1).scaled(1, 0), std::domain_error);
}

}  // namespace
}  // namespace superapp::platform::core
