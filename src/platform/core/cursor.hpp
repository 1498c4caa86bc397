#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "platform/core/time.hpp"

namespace superapp::platform::core {

/// A keyset position in a list sorted newest first: after the row with this creation time and id.
struct CreatedAtPosition {
    Timestamp created_at{};
    std::string id;  ///< a 24-hex ObjectId
};

/// The opaque cursor for a position (base64url of "<microseconds>.<id>").
std::string encode_cursor(const CreatedAtPosition& position);
/// The position a cursor from encode_cursor names; nullopt for any other text.
std::optional<CreatedAtPosition> decode_cursor(std::string_view cursor);

}  // namespace superapp::platform::core
