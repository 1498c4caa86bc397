#pragma once
#include <boost/json/value.hpp>
#include <string>

namespace superapp::platform::core {

/// Returns compact JSON text, byte for byte what boost::json::serialize writes except for doubles: those are
/// the shortest decimal that reads back as the same double (499.5 -> "499.5", 1e21 -> "1e+21"), with ".0"
/// added to whole numbers (4.0 -> "4.0") so they parse back as doubles; NaN and infinities become null.
/// Strings are written as given (UTF-8 passed through); '"', '\\' and control characters are escaped.
/// Throws only std::bad_alloc. Any thread.
std::string serialize(const boost::json::value& value);

/// Appends what serialize(value) returns to out.
void serialize_to(std::string& out, const boost::json::value& value);

}  // namespace superapp::platform::core
