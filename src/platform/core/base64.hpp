#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace superapp::platform::core {

/// Returns RFC 4648 base64url without padding ("-" and "_", no "="). Pure; any thread.
std::string base64url_encode(std::string_view bytes);
/// Decodes unpadded base64url; nullopt for any other character, a bad length or non-zero spare bits.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace superapp::platform::core
