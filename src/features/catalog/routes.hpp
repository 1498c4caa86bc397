#pragma once
#include "features/catalog/service.hpp"
#include "platform/http/router.hpp"
#include "platform/http/write_limits.hpp"

namespace superapp::features::catalog {

/// Categories, stores, products and reviews (/categories, /stores, /products).
/// The writes a person makes are rate-limited by `limits` (platform/http/write_limits.hpp).
void register_routes(platform::http::ApiRoutes& api, CatalogService& catalog,
                     platform::http::WriteLimits& limits);

}  // namespace superapp::features::catalog
