#include "features/auth/routes.hpp"

#include "features/auth/handlers.hpp"

namespace superapp::features::auth {

using platform::http::Role;

void register_routes(platform::http::ApiRoutes& api, AuthService& auth, users::UsersService& users) {
    // One aligned line per route, read as a table.
    // clang-format off
    api.post("/auth/send-otp",          Role::anyone, handle_send_otp(auth));
    api.post("/auth/verify-otp",        Role::anyone, handle_verify_otp(auth));
    api.post("/auth/refresh",           Role::anyone, handle_refresh(auth));
    api.post("/auth/logout",            Role::anyone, handle_logout(auth));
    api.get ("/admin/users",            Role::admin,  handle_list_users(users));
    api.put ("/admin/users/:id/role",   Role::admin,  handle_set_role(auth, users));
    // clang-format on
}

}  // namespace superapp::features::auth
