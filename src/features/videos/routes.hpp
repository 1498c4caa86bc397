#pragma once
#include "features/videos/service.hpp"
#include "platform/http/router.hpp"

namespace superapp::features::videos {

/// The /videos routes.
void register_routes(platform::http::ApiRoutes& api, VideosService& videos);

}  // namespace superapp::features::videos
