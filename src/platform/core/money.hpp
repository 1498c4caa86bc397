#pragma once
#include <boost/json/value.hpp>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace superapp::platform::core {

/// An amount of Indian rupees held as integer paise (1 rupee = 100 paise). No floating point in arithmetic.
/// Clients write and read rupees as JSON numbers with at most two decimals ("499.5").
class Money {
  public:
    /// The largest magnitude accepted from input: 10^13 paise (10^11 rupees).
    static constexpr std::int64_t kMaxPaise = 10'000'000'000'000;

    /// Zero.
    constexpr Money() = default;
    /// Wraps an amount of paise. Never throws.
    static constexpr Money from_paise(std::int64_t paise) { return Money(paise); }
    /// Returns the amount in paise.
    constexpr std::int64_t paise() const { return paise_; }

    /// Reads a non-negative amount of rupees: a JSON integer, a JSON double standing for a decimal with at
    /// most two decimals, or a string "499", "499.5", "499.50". Returns nullopt and sets *error (a short
    /// sentence such as "must not be negative") when the value is not such an amount or exceeds kMaxPaise.
    static std::optional<Money> from_json(const boost::json::value& value, std::string* error = nullptr);
    /// Same as from_json but also accepts negative amounts (adjustments, refunds); |amount| <= kMaxPaise.
    static std::optional<Money> from_json_signed(const boost::json::value& value, std::string* error = nullptr);
    /// Reads a non-negative decimal string of rupees ("499", "499.5", "0.05"); errors as from_json.
    static std::optional<Money> parse(std::string_view text, std::string* error = nullptr);
    /// Same as parse but accepts a leading '-'.
    static std::optional<Money> parse_signed(std::string_view text, std::string* error = nullptr);

    /// Returns rupees as a JSON number: int64 when whole (499), else the double nearest p/100 (499.5), which
    /// core::serialize writes back as the same two-decimal text. Exact for |paise| < 2^53.
    boost::json::value to_json() const;
    /// Returns rupees with exactly two decimals: "499.50", "-0.05".
    std::string to_string() const;

    /// Returns this * numerator / denominator in paise, rounded half away from zero (round_half_up), e.g.
    /// 5% tax of 333 paise is scaled(5, 100) == 17 paise. Throws std::domain_error if denominator == 0,
    /// std::overflow_error if the result does not fit.
    Money scaled(std::int64_t numerator, std::int64_t denominator) const;

    /// Arithmetic in paise; each throws std::overflow_error instead of wrapping around.
    friend Money operator+(Money a, Money b);
    friend Money operator-(Money a, Money b);
    friend Money operator*(Money a, std::int64_t factor);
    friend Money operator*(std::int64_t factor, Money a) { return a * factor; }
    Money operator-() const { return Money() - *this; }
    Money& operator+=(Money other) { return *this = *this + other; }
    Money& operator-=(Money other) { return *this = *this - other; }

    friend bool operator==(Money, Money) = default;
    friend auto operator<=>(Money, Money) = default;

  private:
    constexpr explicit Money(std::int64_t paise) : paise_(paise) {}
    std::int64_t paise_ = 0;
};

/// Returns numerator / denominator rounded to the nearest integer, halves away from zero (2.5 -> 3,
/// -2.5 -> -3), so a refund rounds exactly like the charge it mirrors. Throws std::domain_error if
/// denominator == 0, std::overflow_error if the result does not fit in int64.
std::int64_t round_half_up(std::int64_t numerator, std::int64_t denominator);

}  // namespace superapp::platform::core
