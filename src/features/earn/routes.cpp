#include "features/earn/routes.hpp"

#include "features/earn/handlers.hpp"

namespace superapp::features::earn {

using platform::http::BodyKind;
using platform::http::rate_limited;
using platform::http::Role;

void register_routes(platform::http::ApiRoutes& api, EarnService& earn,
                     platform::http::WriteLimits& limits) {
    const std::size_t upload_limit = max_submission_request_bytes(earn.settings());
    // One aligned line per route, read as a table.
    // clang-format off
    api.get ("/earn/projects",                Role::user,  handle_available(earn));
    api.get ("/earn/projects/:id",            Role::user,  handle_project(earn));
    api.post("/earn/projects/:id/complete",   Role::user,  rate_limited(limits, "earn", handle_complete(earn)), BodyKind::file, upload_limit);
    api.get ("/earn/history",                 Role::user,  handle_history(earn));
    api.get ("/earn/stats",                   Role::user,  handle_stats(earn));
    api.get ("/admin/earn/projects",          Role::admin, handle_admin_projects(earn));
    api.post("/admin/earn/projects",          Role::admin, handle_create_project(earn));
    api.get ("/admin/earn/projects/:id",      Role::admin, handle_admin_project(earn));
    api.put ("/admin/earn/projects/:id",      Role::admin, handle_update_project(earn));
    api.get ("/admin/earn/completions",       Role::admin, handle_review_queue(earn));
    api.put ("/admin/earn/completions/:id",   Role::admin, handle_review(earn));
    // clang-format on
}

}  // namespace superapp::features::earn
