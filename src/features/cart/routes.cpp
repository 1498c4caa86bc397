#include "features/cart/routes.hpp"

#include "features/cart/handlers.hpp"

namespace superapp::features::cart {

using platform::http::rate_limited;
using platform::http::Role;

void register_routes(platform::http::ApiRoutes& api, CartService& cart,
                     platform::http::WriteLimits& limits) {
    // One aligned line per route, read as a table.
    // clang-format off
    api.get ("/cart",                 Role::user, handle_get_cart(cart));
    api.post("/cart/add",             Role::user, rate_limited(limits, "cart", handle_add(cart)));
    api.put ("/cart/update/:itemId",  Role::user, rate_limited(limits, "cart", handle_update(cart)));
    api.del ("/cart/remove/:itemId",  Role::user, rate_limited(limits, "cart", handle_remove(cart)));
    api.del ("/cart/clear",           Role::user, rate_limited(limits, "cart", handle_clear(cart)));
    // clang-format on
}

}  // namespace superapp::features::cart
