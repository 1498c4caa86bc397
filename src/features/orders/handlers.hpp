#pragma once
#include "features/orders/service.hpp"
#include "platform/http/router.hpp"

namespace superapp::features::orders {

using platform::http::Handler;

/// GET /orders?status&limit&cursor -> {items, nextCursor}
Handler handle_list(OrdersService& orders);
/// POST /orders {items?, deliveryAddress, payment{method}} -> 201 the order
Handler handle_place(OrdersService& orders);
/// GET /orders/:id -> the order
Handler handle_get(OrdersService& orders);
/// PUT /orders/:id/cancel -> the order
Handler handle_cancel(OrdersService& orders);
/// PUT /orders/:id/status {status, trackingId?, estimatedTime?} -> the order
Handler handle_set_status(OrdersService& orders);

}  // namespace superapp::features::orders
