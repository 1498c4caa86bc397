#pragma once
#include "features/orders/service.hpp"
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"

namespace superapp::features::orders {

/// The signed-in user's orders (/orders/...), and status changes by merchants and admins. `db`
/// keeps the Idempotency-Keys of POST /orders.
void register_routes(platform::http::ApiRoutes& api, OrdersService& orders, platform::db::Database& db);

}  // namespace superapp::features::orders
