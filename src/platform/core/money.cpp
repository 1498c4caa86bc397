#include "platform/core/money.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace superapp::platform::core {
namespace {

constexpr std::int64_t kMaxRupees = Money::kMaxPaise / 100;
// Doubles hold every integer below 2^53 exactly; above 2^53 / 100 rupees, d * 100 can no longer be exact.
constexpr double kMaxExactRupees = 9007199254740992.0 / 100.0;

constexpr const char* kNotAmount = "must be an amount in rupees";
constexpr const char* kTooManyDecimals = "must be an amount in rupees with at most two decimals";
constexpr const char* kNegative = "must not be negative";

std::string too_large_message() { return "must be at most " + std::to_string(kMaxRupees) + " rupees"; }

std::optional<Money> fail(std::string* error, std::string message) {
    if (error) *error = std::move(message);
    return std::nullopt;
}

std::optional<Money> checked(std::int64_t paise, bool allow_negative, std::string* error) {
    if (paise < 0 && !allow_negative) return fail(error, kNegative);
    if (paise > Money::kMaxPaise || paise < -Money::kMaxPaise) return fail(error, too_large_message());
    return Money::from_paise(paise);
}

std::optional<Money> from_rupees(std::int64_t rupees, bool allow_negative, std::string* error) {
    if (rupees < 0 && !allow_negative) return fail(error, kNegative);
    if (rupees > kMaxRupees || rupees < -kMaxRupees) return fail(error, too_large_message());
    return Money::from_paise(rupees * 100);
}

// The client wrote a decimal such as 499.95; JSON parsers hand it over as the nearest double, which is only a
// carrier for that decimal text. For any decimal with at most two places and |d| < 2^53 / 100,
// llround(d * 100) recovers its paise exactly, and p / 100.0 is again the nearest double to it. If that
// round trip does not give back d, the client wrote more than two decimals (499.955) and we refuse to guess.
std::optional<Money> from_double(double d, bool allow_negative, std::string* error) {
    if (!std::isfinite(d)) return fail(error, kTooManyDecimals);
    if (d < 0 && !allow_negative) return fail(error, kNegative);
    if (std::fabs(d) >= kMaxExactRupees) return fail(error, too_large_message());
    const long long paise = std::llround(d * 100.0);
    if (static_cast<double>(paise) / 100.0 != d) return fail(error, kTooManyDecimals);
    return checked(paise, allow_negative, error);
}

std::optional<Money> parse_text(std::string_view text, bool allow_negative, std::string* error) {
    bool negative = false;
    if (!text.empty() && text.front() == '-') {
        negative = true;
        text.remove_prefix(1);
    }
    const auto dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    const std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
    const auto all_digits = [](std::string_view s) {
        for (char c : s)
            if (c < '0' || c > '9') return false;
        return true;
    };
    if (whole.empty() || !all_digits(whole) || !all_digits(fraction)) return fail(error, kNotAmount);
    if (dot != std::string_view::npos && (fraction.empty() || fraction.size() > 2)) {
        return fail(error, fraction.empty() ? kNotAmount : kTooManyDecimals);
    }

    std::int64_t rupees = 0;
    for (char c : whole) {
        rupees = rupees * 10 + (c - '0');
        if (rupees > kMaxRupees) return fail(error, negative && !allow_negative ? kNegative : too_large_message());
    }
    std::int64_t paise = rupees * 100;
    if (fraction.size() >= 1) paise += (fraction[0] - '0') * 10;
    if (fraction.size() == 2) paise += fraction[1] - '0';
    return checked(negative ? -paise : paise, allow_negative, error);
}

std::optional<Money> read_json(const boost::json::value& value, bool allow_negative, std::string* error) {
    switch (value.kind()) {
        case boost::json::kind::int64: return from_rupees(value.get_int64(), allow_negative, error);
        case boost::json::kind::uint64:
            if (value.get_uint64() > static_cast<std::uint64_t>(kMaxRupees)) return fail(error, too_large_message());
            return from_rupees(static_cast<std::int64_t>(value.get_uint64()), allow_negative, error);
        case boost::json::kind::double_: return from_double(value.get_double(), allow_negative, error);
        case boost::json::kind::string: return parse_text(value.get_string(), allow_negative, error);
        default: return fail(error, kNotAmount);
    }
}

std::int64_t narrow(__int128 value) {
    if (value > std::numeric_limits<std::int64_t>::max() || value < std::numeric_limits<std::int64_t>::min()) {
        throw std::overflow_error("money amount out of range");
    }
    return static_cast<std::int64_t>(value);
}

__int128 divide_half_away_from_zero(__int128 numerator, __int128 denominator) {
    if (denominator == 0) throw std::domain_error("division of money by zero");
    if (denominator < 0) {
        numerator = -numerator;
        denominator = -denominator;
    }
    __int128 quotient = numerator / denominator;
    const __int128 remainder = numerator % denominator;  // has the sign of numerator
    const __int128 twice = remainder < 0 ? -2 * remainder : 2 * remainder;
    if (twice >= denominator) quotient += numerator < 0 ? -1 : 1;
    return quotient;
}

}  // namespace

std::optional<Money> Money::from_json(const boost::json::value& value, std::string* error) {
    return read_json(value, false, error);
}

std::optional<Money> Money::from_json_signed(const boost::json::value& value, std::string* error) {
    return read_json(value, true, error);
}

std::optional<Money> Money::parse(std::string_view text, std::string* error) { return parse_text(text, false, error); }

std::optional<Money> Money::parse_signed(std::string_view text, std::string* error) {
    return parse_text(text, true, error);
}

boost::json::value Money::to_json() const {
    if (paise_ % 100 == 0) return boost::json::value(paise_ / 100);
    return boost::json::value(static_cast<double>(paise_) / 100.0);
}

std::string Money::to_string() const {
    // Magnitude as unsigned so that INT64_MIN has one too.
    const std::uint64_t magnitude =
        paise_ < 0 ? 0 - static_cast<std::uint64_t>(paise_) : static_cast<std::uint64_t>(paise_);
    char buf[32];
    char* p = buf;
    if (paise_ < 0) *p++ = '-';
    p = std::to_chars(p, buf + sizeof buf, magnitude / 100).ptr;
    const auto cents = static_cast<unsigned>(magnitude % 100);
    *p++ = '.';
    *p++ = static_cast<char>('0' + cents / 10);
    *p++ = static_cast<char>('0' + cents % 10);
    return std::string(buf, p);
}

Money Money::scaled(std::int64_t numerator, std::int64_t denominator) const {
    return Money(narrow(divide_half_away_from_zero(static_cast<__int128>(paise_) * numerator, denominator)));
}

Money operator+(Money a, Money b) {
    std::int64_t sum = 0;
    if (__builtin_add_overflow(a.paise_, b.paise_, &sum)) throw std::overflow_error("money amount out of range");
    return Money(sum);
}

Money operator-(Money a, Money b) {
    std::int64_t difference = 0;
    if (__builtin_sub_overflow(a.paise_, b.paise_, &difference)) {
        throw std::overflow_error("money amount out of range");
    }
    return Money(difference);
}

Money operator*(Money a, std::int64_t factor) {
    std::int64_t product = 0;
    if (__builtin_mul_overflow(a.paise_, factor, &product)) throw std::overflow_error("money amount out of range");
    return Money(product);
}

std::int64_t round_half_up(std::int64_t numerator, std::int64_t denominator) {
    return narrow(divide_half_away_from_zero(numerator, denominator));
}

}  // namespace superapp::platform::core
