#pragma once
#include <boost/json/object.hpp>

#include "features/notifications/notification.hpp"
#include "features/orders/model.hpp"
#include "platform/realtime/event_bus.hpp"

namespace superapp::features::orders {

/// The seed's Orders document: _id, orderNumber, user, items, totals, cashback, payment{method,
/// status, transactionId, dueAt}, delivery{address, status, estimatedTime, actualTime, trackingId},
/// status, createdAt, updatedAt. Money in rupees. Pure.
boost::json::object order_json(const Order& order);

/// The `order_status_update` event for the order's user: {_id, orderNumber, status,
/// previousStatus, payment{method, status}, delivery{status, estimatedTime, actualTime,
/// trackingId}, updatedAt}. `previous` is null for a new order. Pure.
platform::realtime::Event order_status_event(const Order& order, std::optional<Status> previous);

/// The notification a status change (or a new order) sends to the customer. Pure.
notifications::NewNotification status_notification(const Order& order);

}  // namespace superapp::features::orders
