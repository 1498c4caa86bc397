#pragma once
#include "features/users/service.hpp"
#include "platform/http/router.hpp"
#include "platform/http/write_limits.hpp"

namespace superapp::features::users {

/// The signed-in user's own profile, preferences and avatar (/users/...).
/// The writes a person makes are rate-limited by `limits` (platform/http/write_limits.hpp).
void register_routes(platform::http::ApiRoutes& api, ProfileService& profiles,
                     platform::http::WriteLimits& limits);

}  // namespace superapp::features::users
