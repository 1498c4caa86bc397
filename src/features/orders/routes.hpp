#pragma once
#include "features/orders/service.hpp"
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"
#include "platform/http/write_limits.hpp"

namespace superapp::features::orders {

/// The signed-in user's orders (/orders/...), and status changes by merchants and admins. `db`
/// keeps the Idempotency-Keys of POST /orders; placing and cancelling are rate-limited by `limits`
/// (an order holds stock: nobody may hoard it by placing and cancelling in a loop).
void register_routes(platform::http::ApiRoutes& api, OrdersService& orders, platform::db::Database& db,
                     platform::http::WriteLimits& limits);

}  // namespace superapp::features::orders
