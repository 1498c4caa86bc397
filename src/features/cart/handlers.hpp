#pragma once
#include "features/cart/service.hpp"
#include "platform/http/router.hpp"

namespace superapp::features::cart {

using platform::http::Handler;

/// GET /cart -> the cart
Handler handle_get_cart(CartService& cart);
/// POST /cart/add {productId, variant?{type, value}, quantity} -> the cart
Handler handle_add(CartService& cart);
/// PUT /cart/update/:itemId {quantity} -> the cart
Handler handle_update(CartService& cart);
/// DELETE /cart/remove/:itemId -> the cart
Handler handle_remove(CartService& cart);
/// DELETE /cart/clear -> the (empty) cart
Handler handle_clear(CartService& cart);

}  // namespace superapp::features::cart
