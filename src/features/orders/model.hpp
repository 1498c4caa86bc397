#pragma once
#include <optional>
#include <string>
#include <vector>

#include "features/cart/model.hpp"
#include "features/orders/status.hpp"
#include "platform/core/money.hpp"
#include "platform/core/time.hpp"

namespace superapp::features::orders {

using platform::core::Money;
using platform::core::Timestamp;

struct Address {
    std::string name, phone, address, city, pincode;
    double longitude = 0, latitude = 0;
};

struct OrderItem {
    cart::ItemKey key;
    std::string store_id;
    std::string name;
    std::optional<std::string> image;  ///< the product's first image when it was ordered
    std::int64_t quantity = 1;
    Money price;     ///< per unit, at order time
    Money original;  ///< MRP per unit
    Money tax;       ///< the line's GST
};

struct Order {
    std::string id;
    std::string order_number;
    std::string user_id;
    OrderState state;
    Money subtotal, discount, tax, delivery, total, cashback;
    std::optional<std::string> transaction_id;
    std::optional<Timestamp> payment_due_at;
    Address address;
    std::string delivery_status;
    std::optional<Timestamp> estimated_time, actual_time;
    std::optional<std::string> tracking_id;
    std::vector<std::string> store_ids;
    bool from_cart = false;
    Timestamp created_at{}, updated_at{};
    std::vector<OrderItem> items;
};

/// One line a customer asks for.
struct WantedItem {
    cart::ItemKey key;
    std::int64_t quantity = 1;
};

/// POST /orders: the cart (when `items` is empty) or the listed items.
struct PlaceOrder {
    std::vector<WantedItem> items;
    bool from_cart = true;
    Address address;
    PaymentMethod method = PaymentMethod::cod;
};

/// A product a user bought, and when they last ordered it.
struct Purchase {
    std::string product_id;
    Timestamp last_ordered_at{};
};

/// Units of a product sold on one UTC day, `age_days` days ago (0: today).
struct DailySales {
    std::string product_id;
    int age_days = 0;
    std::int64_t units = 0;
};

}  // namespace superapp::features::orders
