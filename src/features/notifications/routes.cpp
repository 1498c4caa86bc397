#include "features/notifications/routes.hpp"

#include "features/notifications/handlers.hpp"

namespace superapp::features::notifications {

using platform::http::Role;

void register_routes(platform::http::ApiRoutes& api, NotificationsService& notifications) {
    // One aligned line per route, read as a table.
    // clang-format off
    api.get ("/notifications",           Role::user,  handle_list(notifications));
    api.put ("/notifications/read-all",  Role::user,  handle_mark_all_read(notifications));
    api.put ("/notifications/:id/read",  Role::user,  handle_mark_read(notifications));
    api.post("/admin/notifications",     Role::admin, handle_broadcast(notifications));
    // clang-format on
}

}  // namespace superapp::features::notifications
