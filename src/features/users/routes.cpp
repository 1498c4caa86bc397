#include "features/users/routes.hpp"

#include "features/users/handlers.hpp"

namespace superapp::features::users {

using platform::http::BodyKind;
using platform::http::rate_limited;

void register_routes(platform::http::ApiRoutes& api, ProfileService& profiles,
                     platform::http::WriteLimits& limits) {
    // One aligned line per route, read as a table.
    // clang-format off
    api.get ("/users/profile",        Role::user, handle_get_profile(profiles));
    api.put ("/users/profile",        Role::user, handle_update_profile(profiles));
    api.get ("/users/preferences",    Role::user, handle_get_preferences(profiles));
    api.put ("/users/preferences",    Role::user, handle_update_preferences(profiles));
    api.post("/users/upload-avatar",  Role::user, rate_limited(limits, "uploads", handle_upload_avatar(profiles)), BodyKind::raw, kMaxAvatarRequestBytes);
    // clang-format on
}

}  // namespace superapp::features::users
