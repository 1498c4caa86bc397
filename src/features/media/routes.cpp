#include "features/media/routes.hpp"

#include "features/media/handlers.hpp"

namespace superapp::features::media {

using platform::http::Method;
using platform::http::Role;

void register_routes(platform::http::Router& root, MediaService& media) {
    root.add(Method::get, "/uploads/:file", Role::anyone, handle_serve_upload(media));
}

}  // namespace superapp::features::media
