#pragma once
#include "features/users/service.hpp"
#include "platform/http/router.hpp"

namespace superapp::features::users {

/// The signed-in user's own profile, preferences and avatar (/users/...).
void register_routes(platform::http::ApiRoutes& api, ProfileService& profiles);

}  // namespace superapp::features::users
