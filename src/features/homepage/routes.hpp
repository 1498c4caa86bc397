#pragma once
#include "features/homepage/service.hpp"
#include "platform/http/router.hpp"

namespace superapp::features::homepage {

/// The home screen (/homepage/...) and its banners' admin (/admin/homepage/banners...).
void register_routes(platform::http::ApiRoutes& api, HomepageService& homepage);

}  // namespace superapp::features::homepage
