#include "features/homepage/routes.hpp"

#include "features/homepage/handlers.hpp"

namespace superapp::features::homepage {

using platform::http::Role;

void register_routes(platform::http::ApiRoutes& api, HomepageService& homepage) {
    // One aligned line per route, read as a table.
    // clang-format off
    api.get ("/homepage/sections",             Role::anyone, handle_sections(homepage));
    api.get ("/homepage/categories",           Role::anyone, handle_categories(homepage));
    api.get ("/homepage/trending",             Role::anyone, handle_trending(homepage));
    api.get ("/homepage/recommendations",      Role::user,   handle_recommendations(homepage));
    api.get ("/admin/homepage/banners",        Role::admin,  handle_list_banners(homepage));
    api.post("/admin/homepage/banners",        Role::admin,  handle_create_banner(homepage));
    api.get ("/admin/homepage/banners/:id",    Role::admin,  handle_get_banner(homepage));
    api.put ("/admin/homepage/banners/:id",    Role::admin,  handle_replace_banner(homepage));
    api.del ("/admin/homepage/banners/:id",    Role::admin,  handle_delete_banner(homepage));
    // clang-format on
}

}  // namespace superapp::features::homepage
