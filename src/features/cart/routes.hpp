#pragma once
#include "features/cart/service.hpp"
#include "platform/http/router.hpp"

namespace superapp::features::cart {

/// The signed-in user's cart (/cart/...).
void register_routes(platform::http::ApiRoutes& api, CartService& cart);

}  // namespace superapp::features::cart
