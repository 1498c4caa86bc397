#pragma once
#include "features/auth/service.hpp"
#include "features/users/service.hpp"
#include "platform/http/router.hpp"

namespace superapp::features::auth {

/// The auth feature's routes: OTP login, token refresh and logout, and the admin's user list.
void register_routes(platform::http::ApiRoutes& api, AuthService& auth, users::UsersService& users);

}  // namespace superapp::features::auth
