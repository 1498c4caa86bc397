#pragma once
#include "features/orders/service.hpp"
#include "platform/http/router.hpp"

namespace superapp::features::orders {

/// The signed-in user's orders (/orders/...), and status changes by merchants and admins.
void register_routes(platform::http::ApiRoutes& api, OrdersService& orders);

}  // namespace superapp::features::orders
