#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/time.hpp"

// PostgreSQL's text format, both ways: what parameters are sent as and what results arrive as.
namespace superapp::platform::db::text {

/// Returns a one-dimensional array literal with every element quoted ({"a","b \"c\""}); "{}" when empty.
std::string encode_array(const std::vector<std::string>& items);
/// Same, for views.
std::string encode_array(const std::vector<std::string_view>& items);
/// Same, with nullopt written as NULL.
std::string encode_array(const std::vector<std::optional<std::string>>& items);
/// Returns {1,-2,3}; "{}" when empty.
std::string encode_array(const std::vector<std::int64_t>& items);

/// Parses a one-dimensional array literal (quotes, backslash escapes, NULL, optional "[l:u]=" bounds).
/// Returns nullopt when the text is malformed or multi-dimensional. Pure; any thread.
std::optional<std::vector<std::optional<std::string>>> parse_array(std::string_view literal);

/// Returns "2026-11-24T23:16:22.123456+00:00": full microseconds, explicit UTC offset.
std::string encode_timestamp(core::Timestamp t);
/// Returns the shortest text that reads back as the same double; "NaN", "Infinity", "-Infinity".
std::string encode_double(double value);
/// Returns the decimal text of an integer.
std::string encode_integer(std::int64_t value);

/// Returns `name` as a quoted SQL identifier ("a""b"), for statements that take no parameters (LISTEN,
/// DEALLOCATE).
std::string quote_identifier(std::string_view name);

/// Parses an integer with no sign noise or spaces; nullopt otherwise.
std::optional<std::int64_t> parse_integer(std::string_view text);
/// Parses float8/float4/numeric output, including "NaN", "Infinity", "-Infinity".
std::optional<double> parse_double(std::string_view text);
/// Parses "t"/"f" (and "true"/"false").
std::optional<bool> parse_bool(std::string_view text);

}  // namespace superapp::platform::db::text
