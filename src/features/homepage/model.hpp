#pragma once
#include <optional>
#include <string>

#include "platform/core/time.hpp"

namespace superapp::features::homepage {

using platform::core::Timestamp;

/// What an admin sets on a banner (POST and PUT send all of it; PUT replaces the banner).
struct BannerInput {
    std::string title;
    std::optional<std::string> subtitle;
    std::string image;                            ///< an https URL or a path under /uploads/
    std::optional<std::string> link;              ///< an https URL or an in-app deeplink (superapp://...)
    int position = 0;                             ///< smaller first
    std::optional<Timestamp> starts_at, ends_at;  ///< shown from / until; absent: open-ended
    bool is_active = true;
};

/// A banner of the home screen as stored.
struct Banner {
    std::string id;
    BannerInput input;
    Timestamp created_at{}, updated_at{};
};

}  // namespace superapp::features::homepage
