#include "features/orders/routes.hpp"

#include "features/orders/handlers.hpp"
#include "platform/http/idempotency.hpp"

namespace superapp::features::orders {

using platform::http::idempotent;
using platform::http::rate_limited;
using platform::http::Role;

void register_routes(platform::http::ApiRoutes& api, OrdersService& orders, platform::db::Database& db,
                     platform::http::WriteLimits& limits) {
    // One aligned line per route, read as a table.
    // clang-format off
    api.get ("/orders",             Role::user,     handle_list(orders));
    api.post("/orders",             Role::user,     rate_limited(limits, "orders", idempotent(db, handle_place(orders))));
    api.get ("/orders/:id",         Role::user,     handle_get(orders));
    api.put ("/orders/:id/cancel",  Role::user,     rate_limited(limits, "orders", handle_cancel(orders)));
    api.put ("/orders/:id/status",  Role::merchant, handle_set_status(orders));
    // clang-format on
}

}  // namespace superapp::features::orders
