#include "features/cart/handlers.hpp"

#include "features/cart/cart_json.hpp"
#include "platform/core/validation.hpp"

namespace superapp::features::cart {

namespace asio = boost::asio;
using platform::core::Validator;
using platform::http::Request;
using platform::http::Response;

namespace {

// Named where it is used: a temporary bound to a reference in a co_await expression is destroyed twice
// by GCC 12.
Buyer buyer(const Request& req) { return {req.principal->user_id, req.principal->role == platform::http::Role::admin}; }

Response cart_response(const CartView& view) { return Response::private_json(cart_json(view)); }

asio::awaitable<Response> get_cart(CartService& cart, Request& req) {
    const Buyer who = buyer(req);
    const CartView view = co_await cart.get(who);
    co_return cart_response(view);
}

asio::awaitable<Response> add(CartService& cart, Request& req) {
    Validator v(req.json);
    ItemKey key;
    // `product`, as cart and order items name it; `productId` is the earlier spelling, still read.
    const std::string_view product_field = v.has("product") || !v.has("productId") ? "product" : "productId";
    if (v.has("product") && v.has("productId")) v.fail("productId", "send the product once, as product");
    key.product_id = v.required_object_id(product_field).to_string();
    if (auto variant = v.optional_object("variant")) {
        key.variant_type = variant->required_string("type", {.min = 1, .max = 30});
        key.variant_value = variant->required_string("value", {.min = 1, .max = 60});
    }
    const std::int64_t quantity = v.required_int("quantity", 1, kMaxQuantity);
    v.finish();
    const Buyer who = buyer(req);
    const CartView view = co_await cart.add(who, std::move(key), quantity, product_field);
    co_return cart_response(view);
}

asio::awaitable<Response> update(CartService& cart, Request& req) {
    Validator v(req.json);
    const std::int64_t quantity = v.required_int("quantity", 1, kMaxQuantity);
    v.finish();
    const Buyer who = buyer(req);
    const CartView view = co_await cart.update(who, std::string(req.param("itemId")), quantity);
    co_return cart_response(view);
}

asio::awaitable<Response> remove(CartService& cart, Request& req) {
    const Buyer who = buyer(req);
    const CartView view = co_await cart.remove(who, std::string(req.param("itemId")));
    co_return cart_response(view);
}

asio::awaitable<Response> clear(CartService& cart, Request& req) {
    const Buyer who = buyer(req);
    const CartView view = co_await cart.clear(who);
    co_return cart_response(view);
}

}  // namespace

Handler handle_get_cart(CartService& cart) {
    return [&cart](Request& req) { return get_cart(cart, req); };
}
Handler handle_add(CartService& cart) {
    return [&cart](Request& req) { return add(cart, req); };
}
Handler handle_update(CartService& cart) {
    return [&cart](Request& req) { return update(cart, req); };
}
Handler handle_remove(CartService& cart) {
    return [&cart](Request& req) { return remove(cart, req); };
}
Handler handle_clear(CartService& cart) {
    return [&cart](Request& req) { return clear(cart, req); };
}

}  // namespace superapp::features::cart
