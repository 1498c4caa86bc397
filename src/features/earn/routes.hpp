#pragma once
#include "features/earn/service.hpp"
#include "platform/http/router.hpp"
#include "platform/http/write_limits.hpp"

namespace superapp::features::earn {

/// The signed-in user's /earn/... routes and the admin's /admin/earn/... routes.
/// The writes a person makes are rate-limited by `limits` (platform/http/write_limits.hpp).
void register_routes(platform::http::ApiRoutes& api, EarnService& earn,
                     platform::http::WriteLimits& limits);

}  // namespace superapp::features::earn
