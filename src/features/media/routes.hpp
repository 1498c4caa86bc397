#pragma once
#include "features/media/service.hpp"
#include "platform/http/router.hpp"

namespace superapp::features::media {

/// GET /uploads/:file, outside /api: the files kept by MediaService, served as static files.
void register_routes(platform::http::Router& root, MediaService& media);

}  // namespace superapp::features::media
