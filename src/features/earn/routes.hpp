#pragma once
#include "features/earn/service.hpp"
#include "platform/http/router.hpp"

namespace superapp::features::earn {

/// The signed-in user's /earn/... routes and the admin's /admin/earn/... routes.
void register_routes(platform::http::ApiRoutes& api, EarnService& earn);

}  // namespace superapp::features::earn
