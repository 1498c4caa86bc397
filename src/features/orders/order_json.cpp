#include "features/orders/order_json.hpp"

#include <boost/json/array.hpp>

#include "features/cart/cart_json.hpp"
#include "platform/core/json_fields.hpp"
#include "platform/core/time.hpp"

namespace superapp::features::orders {

using platform::core::time_or_null;

namespace json = boost::json;
using platform::core::to_iso8601;

namespace {

json::value string_or_null(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

json::object item_json(const OrderItem& i) {
    json::value variant = nullptr;
    if (i.key.has_variant()) variant = json::object{{"type", i.key.variant_type}, {"value", i.key.variant_value}};
    return {{"product", i.key.product_id},
            {"store", i.store_id},
            {"name", i.name},
            {"image", string_or_null(i.image)},
            {"quantity", i.quantity},
            {"variant", std::move(variant)},
            {"price", i.price.to_json()},
            {"originalPrice", i.original.to_json()},
            {"tax", i.tax.to_json()}};
}

json::object delivery_json(const Order& o) {
    return {{"status", o.delivery_status},
            {"estimatedTime", time_or_null(o.estimated_time)},
            {"actualTime", time_or_null(o.actual_time)},
            {"trackingId", string_or_null(o.tracking_id)}};
}

}  // namespace

json::object order_json(const Order& o) {
    json::array items;
    for (const auto& i : o.items) items.push_back(item_json(i));
    cart::Totals totals;
    totals.subtotal = o.subtotal;
    totals.discount = o.discount;
    totals.tax = o.tax;
    totals.delivery = o.delivery;
    totals.total = o.total;
    json::object delivery = delivery_json(o);
    delivery["address"] = json::object{
        {"name", o.address.name},       {"phone", o.address.phone},
        {"address", o.address.address}, {"city", o.address.city},
        {"pincode", o.address.pincode}, {"coordinates", json::array{o.address.longitude, o.address.latitude}}};
    return {{"_id", o.id},
            {"orderNumber", o.order_number},
            {"user", o.user_id},
            {"items", std::move(items)},
            {"totals", cart::totals_json(totals)},
            {"cashback", o.cashback.to_json()},
            {"payment", json::object{{"method", to_string(o.state.method)},
                                     {"status", to_string(o.state.payment)},
                                     {"transactionId", string_or_null(o.transaction_id)},
                                     {"dueAt", time_or_null(o.payment_due_at)}}},
            {"delivery", std::move(delivery)},
            {"status", to_string(o.state.status)},
            {"createdAt", to_iso8601(o.created_at)},
            {"updatedAt", to_iso8601(o.updated_at)}};
}

platform::realtime::Event order_status_event(const Order& o, std::optional<Status> previous) {
    json::object data{
        {"_id", o.id},
        {"orderNumber", o.order_number},
        {"status", to_string(o.state.status)},
        {"previousStatus", previous ? json::value(to_string(*previous)) : json::value(nullptr)},
        {"payment", json::object{{"method", to_string(o.state.method)}, {"status", to_string(o.state.payment)}}},
        {"delivery", delivery_json(o)},
        {"updatedAt", to_iso8601(o.updated_at)}};
    return {{"user:" + o.user_id}, "order_status_update", std::move(data)};
}

notifications::NewNotification status_notification(const Order& o) {
    notifications::NewNotification n;
    n.category = "order";
    n.data = {{"orderId", o.id}, {"orderNumber", o.order_number}, {"status", to_string(o.state.status)}};
    const std::string number = "Order " + o.order_number;
    switch (o.state.status) {
        case Status::placed:
            n.title = "Order placed";
            n.message =
                number + " is placed; it is confirmed once its payment of ₹" + o.total.to_string() + " arrives.";
            break;
        case Status::confirmed:
            n.title = "Order confirmed";
            n.type = "success";
            n.message = number + " is confirmed.";
            break;
        case Status::shipped:
            n.title = "Order shipped";
            n.message = number + " is on its way" + (o.tracking_id ? " (tracking " + *o.tracking_id + ")." : ".");
            break;
        case Status::delivered:
            n.title = "Order delivered";
            n.type = "success";
            n.message = number + " is delivered.";
            if (o.cashback.paise() > 0) {
                n.message += " ₹" + o.cashback.to_string() +
                             " cashback is pending in your wallet; it can be spent once the return window closes.";
            }
            break;
        case Status::cancelled:
            n.title = "Order cancelled";
            n.type = "warning";
            n.message = number + " is cancelled.";
            if (o.state.payment == PaymentStatus::refunded) {
                n.message += " ₹" + o.total.to_string() + " is refunded to your wallet.";
            }
            if (o.actual_time && o.cashback.paise() > 0) n.message += " Its pending cashback is withdrawn.";
            break;
    }
    return n;
}

}  // namespace superapp::features::orders
