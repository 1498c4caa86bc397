#include "features/videos/routes.hpp"

#include "features/videos/handlers.hpp"

namespace superapp::features::videos {

using platform::http::BodyKind;
using platform::http::rate_limited;
using platform::http::Role;

void register_routes(platform::http::ApiRoutes& api, VideosService& videos,
                     platform::http::WriteLimits& limits) {
    const std::size_t upload_limit = max_upload_request_bytes(videos.settings());
    // One aligned line per route, read as a table.
    // clang-format off
    api.get ("/videos",                             Role::anyone,   handle_list(videos));
    api.post("/videos",                             Role::merchant, rate_limited(limits, "uploads", handle_upload(videos)), BodyKind::file, upload_limit);
    api.get ("/videos/categories",                  Role::anyone,   handle_categories(videos));
    api.get ("/videos/:id",                         Role::anyone,   handle_detail(videos));
    api.put ("/videos/:id",                         Role::merchant, handle_update(videos));
    api.del ("/videos/:id",                         Role::merchant, handle_remove(videos));
    api.post("/videos/:id/like",                    Role::user,     handle_like(videos));
    api.post("/videos/:id/share",                   Role::anyone,   rate_limited(limits, "shares", handle_share(videos)));
    api.post("/videos/:id/view",                    Role::anyone,   rate_limited(limits, "views", handle_view(videos)));
    api.get ("/videos/:id/comments",                Role::anyone,   handle_comments(videos));
    api.post("/videos/:id/comments",                Role::user,     rate_limited(limits, "comments", handle_add_comment(videos)));
    api.del ("/videos/:id/comments/:commentId",     Role::user,     handle_remove_comment(videos));
    // clang-format on
}

}  // namespace superapp::features::videos
