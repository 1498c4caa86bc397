#pragma once
#include "features/cart/service.hpp"
#include "platform/http/router.hpp"
#include "platform/http/write_limits.hpp"

namespace superapp::features::cart {

/// The signed-in user's cart (/cart/...).
/// The writes a person makes are rate-limited by `limits` (platform/http/write_limits.hpp).
void register_routes(platform::http::ApiRoutes& api, CartService& cart,
                     platform::http::WriteLimits& limits);

}  // namespace superapp::features::cart
