#pragma once
#include <cstddef>
#include <optional>
#include <string_view>

namespace superapp::platform::core {

/// The number of Unicode code points in `s`, or nullopt when it is not well-formed UTF-8 (RFC 3629: no
/// overlong forms, no surrogates, nothing above U+10FFFF). Every length limit on text counts these (a
/// Devanagari letter is one, though UTF-8 takes three bytes). Pure.
std::optional<std::size_t> utf8_length(std::string_view s);

/// True when `s` is well-formed UTF-8 holding no NUL: text PostgreSQL can store (it refuses both). Pure.
bool is_storable_text(std::string_view s);

}  // namespace superapp::platform::core
