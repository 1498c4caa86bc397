#pragma once
#include "features/catalog/service.hpp"
#include "platform/http/router.hpp"

namespace superapp::features::catalog {

/// Categories, stores, products and reviews (/categories, /stores, /products).
void register_routes(platform::http::ApiRoutes& api, CatalogService& catalog);

}  // namespace superapp::features::catalog
