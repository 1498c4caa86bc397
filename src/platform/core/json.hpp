#pragma once
#include <boost/json/value.hpp>
#include <string>
#include <string_view>

namespace superapp::platform::core {

/// Returns compact JSON text, byte for byte what boost::json::serialize writes except for doubles: those are
/// the shortest decimal that reads back as the same double (499.5 -> "499.5", 1e21 -> "1e+21"), with ".0"
/// added to whole numbers (4.0 -> "4.0") so they parse back as doubles; NaN and infinities become null.
/// Strings are written as given (UTF-8 passed through); '"', '\\' and control characters are escaped.
/// Throws only std::bad_alloc. Any thread.
std::string serialize(const boost::json::value& value);

/// Appends what serialize(value) returns to out.
void serialize_to(std::string& out, const boost::json::value& value);

/// Whether the member at a dotted path ("location.pincode") of `doc` is JSON null: a request to
/// clear that field. Any thread.
bool is_null_member(const boost::json::value& doc, std::string_view path);
/// Whether the member at a dotted path, or an object on the way to it ("location" of
/// "location.pincode"), is JSON null: the field is cleared by itself or with its parent. Any thread.
bool is_null_on_path(const boost::json::value& doc, std::string_view path);

}  // namespace superapp::platform::core
