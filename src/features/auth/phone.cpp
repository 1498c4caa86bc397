#include "features/auth/phone.hpp"

#include <algorithm>

namespace superapp::features::auth {
namespace {

constexpr std::string_view kIndia = "91";
constexpr std::size_t kMaxE164Digits = 15;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool plausible_national(std::string_view country, std::string_view national) {
    if (national.empty() || national.front() == '0') return false;
    if (country == kIndia) return national.size() == 10 && national.front() >= '6' && national.front() <= '9';
    return national.size() >= 6 && country.size() + national.size() <= kMaxE164Digits;
}

}  // namespace

bool valid_country_code(std::string_view code) {
    return !code.empty() && code.size() <= 3 && code.front() != '0' && std::all_of(code.begin(), code.end(), is_digit);
}

std::optional<std::string> normalize_phone(std::string_view input, std::string_view default_country_code) {
    if (input.size() > 32 || !valid_country_code(default_country_code)) return std::nullopt;
    std::string digits;
    bool international = false;
    bool seen_digit = false;
    for (std::size_t i = 0; i < input.size(); ++i) {
        const char c = input[i];
        if (is_digit(c)) {
            digits += c;
            seen_digit = true;
        } else if (c == '+') {
            if (seen_digit || international) return std::nullopt;  // one leading '+' only
            international = true;
        } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
            return std::nullopt;
        }
    }
    if (!international && digits.starts_with("00")) {  // the international call prefix
        international = true;
        digits.erase(0, 2);
    }
    if (international) {
        // The default country's and India's numbers are checked against their plan; any other
        // country code is accepted with E.164's length rules.
        for (const std::string_view country : {default_country_code, kIndia}) {
            if (digits.starts_with(country)) {
                if (!plausible_national(country, std::string_view(digits).substr(country.size()))) return std::nullopt;
                return "+" + digits;
            }
        }
        if (digits.empty() || digits.front() == '0' || digits.size() < 8 || digits.size() > kMaxE164Digits) {
            return std::nullopt;
        }
        return "+" + digits;
    }
    std::string_view national = digits;
    if (national.starts_with('0')) {
        national.remove_prefix(1);  // the trunk prefix
    } else if (national.starts_with(default_country_code) &&
               plausible_national(default_country_code, national.substr(default_country_code.size())) &&
               !plausible_national(default_country_code, national)) {
        national.remove_prefix(default_country_code.size());  // "91 98765 43210"
    }
    if (!plausible_national(default_country_code, national)) return std::nullopt;
    return "+" + std::string(default_country_code) + std::string(national);
}

}  // namespace superapp::features::auth
