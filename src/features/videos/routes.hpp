#pragma once
#include "features/videos/service.hpp"
#include "platform/http/router.hpp"
#include "platform/http/write_limits.hpp"

namespace superapp::features::videos {

/// The /videos routes.
/// The writes a person makes are rate-limited by `limits` (platform/http/write_limits.hpp).
void register_routes(platform::http::ApiRoutes& api, VideosService& videos,
                     platform::http::WriteLimits& limits);

}  // namespace superapp::features::videos
