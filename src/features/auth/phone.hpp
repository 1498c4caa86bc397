#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace superapp::features::auth {

/// The E.164 form ("+919876543210") of a mobile number as people write it: "+91 98765 43210",
/// "098765 43210", "9876543210", "0091 98765-43210", "(+91) 98765 43210". A number without a
/// country code is read in `default_country_code` (digits, e.g. "91"). Spaces, dashes, dots and
/// parentheses are ignored; anything else makes it invalid. For India (91) the national number
/// must be 10 digits starting 6-9; for other countries, 6 to 14 digits within E.164's 15.
/// Returns nullopt when the number is not a plausible mobile number. Pure; any thread.
std::optional<std::string> normalize_phone(std::string_view input, std::string_view default_country_code);

/// True when `code` is a country calling code this server can read numbers in (1-3 digits, no
/// leading 0). Pure.
bool valid_country_code(std::string_view code);

}  // namespace superapp::features::auth
