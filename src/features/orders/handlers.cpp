#include "features/orders/handlers.hpp"

#include <boost/json/array.hpp>
#include <set>

#include "features/cart/service.hpp"
#include "features/orders/order_json.hpp"
#include "platform/core/validation.hpp"

namespace superapp::features::orders {

namespace asio = boost::asio;
namespace json = boost::json;
using platform::core::QueryValidator;
using platform::core::Validator;
using platform::http::Request;
using platform::http::Response;
using platform::http::Role;

namespace {

// The choices below are also listed in docs/openapi.yaml (Order); change both together.
const std::initializer_list<std::string_view> kMethods = {"wallet", "card", "cod"};

Caller caller_of(const Request& req) {
    Caller c;
    c.user_id = req.principal->user_id;
    c.actor = req.principal->role == Role::admin      ? Actor::admin
              : req.principal->role == Role::merchant ? Actor::merchant
                                                      : Actor::customer;
    return c;
}

std::vector<WantedItem> read_items(Validator& v) {
    std::vector<WantedItem> items;
    std::set<std::tuple<std::string, std::string, std::string>> seen;
    for (auto item :
         v.optional_array("items", {.min_items = 1, .max_items = static_cast<std::size_t>(cart::kMaxItems)})) {
        WantedItem w;
        w.key.product_id = item.required_object_id("product").to_string();
        if (auto variant = item.optional_object("variant")) {
            w.key.variant_type = variant->required_string("type", {.min = 1, .max = 30});
            w.key.variant_value = variant->required_string("value", {.min = 1, .max = 60});
        }
        w.quantity = item.required_int("quantity", 1, cart::kMaxQuantity);
        if (!seen.insert({w.key.product_id, w.key.variant_type, w.key.variant_value}).second) {
            item.fail("product", "repeats an earlier item; add up the quantities instead");
        }
        items.push_back(std::move(w));
    }
    return items;
}

// The address as the order has it (`delivery.address`), or as earlier apps send it (`deliveryAddress`).
Address read_address(Validator& v) {
    const bool nested = v.has("delivery");
    if (nested && v.has("deliveryAddress")) v.fail("deliveryAddress", "send the address once, as delivery.address");
    Validator a = v.object(nested ? "delivery.address" : "deliveryAddress");
    Address address;
    address.name = a.required_string("name", {.min = 1, .max = 100});
    address.phone = a.required_phone("phone");
    address.address = a.required_string("address", {.min = 5, .max = 300});
    address.city = a.required_string("city", {.min = 1, .max = 100});
    address.pincode = a.required_pincode("pincode");
    const auto coordinates = a.required_coordinates("coordinates");
    address.longitude = coordinates.longitude;
    address.latitude = coordinates.latitude;
    return address;
}

asio::awaitable<Response> list(OrdersService& orders, Request& req) {
    QueryValidator v(req.query);
    ListFilter filter;
    // One status or several, comma-separated (status=placed,confirmed).
    if (auto statuses = v.optional_string_array("status", {.min_items = 1, .max_items = 5, .unique = true})) {
        for (const auto& name : *statuses) {
            if (const auto status = parse_status(name)) {
                filter.statuses.push_back(*status);
            } else {
                v.fail("status",
                       "must be placed, confirmed, shipped, delivered or cancelled, or several of them "
                       "separated by commas");
                break;
            }
        }
    }
    filter.limit = static_cast<int>(v.optional_int("limit", 1, 100).value_or(20));
    filter.cursor = v.optional_string("cursor", {.min = 1, .max = 200});
    v.finish();
    const Page page = co_await orders.list(req.principal->user_id, filter);
    json::array items;
    for (const auto& o : page.items) items.push_back(order_json(o));
    co_return Response::private_json(
        json::object{{"items", std::move(items)},
                     {"nextCursor", page.next_cursor ? json::value(*page.next_cursor) : json::value(nullptr)}});
}

asio::awaitable<Response> place(OrdersService& orders, Request& req) {
    Validator v(req.json);
    PlaceOrder request;
    request.items = read_items(v);
    request.from_cart = request.items.empty() && !v.has("items");
    request.address = read_address(v);
    request.method =
        parse_payment_method(v.object("payment").required_enum("method", kMethods)).value_or(PaymentMethod::cod);
    v.finish();
    // A named buyer: a temporary in a co_await expression is destroyed twice by GCC 12.
    const cart::Buyer buyer{req.principal->user_id, req.principal->role == platform::http::Role::admin};
    const Order order = co_await orders.place(buyer, std::move(request));
    co_return Response::private_json(order_json(order), 201);
}

asio::awaitable<Response> get(OrdersService& orders, Request& req) {
    const Order order = co_await orders.get(caller_of(req), std::string(req.param("id")));
    co_return Response::private_json(order_json(order));
}

asio::awaitable<Response> cancel(OrdersService& orders, Request& req) {
    const Order order = co_await orders.cancel(caller_of(req), std::string(req.param("id")));
    co_return Response::private_json(order_json(order));
}

asio::awaitable<Response> set_status(OrdersService& orders, Request& req) {
    Validator v(req.json);
    StatusRequest request;
    request.to = parse_status(v.required_enum("status", {"confirmed", "shipped", "delivered", "cancelled"}))
                     .value_or(Status::confirmed);
    request.tracking_id = v.optional_string("trackingId", {.min = 1, .max = 100});
    request.estimated_time = v.optional_timestamp("estimatedTime");
    if (request.tracking_id && request.to != Status::shipped) v.fail("trackingId", "is set only when shipped");
    v.finish();
    const Order order = co_await orders.change_status(caller_of(req), std::string(req.param("id")), std::move(request));
    co_return Response::private_json(order_json(order));
}

}  // namespace

Handler handle_list(OrdersService& orders) {
    return [&orders](Request& req) { return list(orders, req); };
}
Handler handle_place(OrdersService& orders) {
    return [&orders](Request& req) { return place(orders, req); };
}
Handler handle_get(OrdersService& orders) {
    return [&orders](Request& req) { return get(orders, req); };
}
Handler handle_cancel(OrdersService& orders) {
    return [&orders](Request& req) { return cancel(orders, req); };
}
Handler handle_set_status(OrdersService& orders) {
    return [&orders](Request& req) { return set_status(orders, req); };
}

}  // namespace superapp::features::orders
