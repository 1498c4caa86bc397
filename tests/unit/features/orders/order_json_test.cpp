#include "features/orders/order_json.hpp"

#include <gtest/gtest.h>

namespace superapp::features::orders {
namespace {

Order shipped_order() {
    Order o;
    o.id = "65a1f0c2e4b0a1b2c3d4e5f6";
    o.order_number = "SA261125000042";
    o.user_id = "65a1f0c2e4b0a1b2c3d4e5f7";
    o.state = {Status::shipped, PaymentMethod::card, PaymentStatus::paid};
    o.total = Money::from_paise(49950);
    o.delivery_status = "shipped";
    o.tracking_id = "TRK1";
    return o;
}

TEST(OrderEvents, StatusUpdateGoesToTheCustomersRoom) {
    const auto event = order_status_event(shipped_order(), Status::confirmed);
    EXPECT_EQ(event.name, "order_status_update");
    ASSERT_EQ(event.rooms.size(), 1u);
    EXPECT_EQ(event.rooms[0], "user:65a1f0c2e4b0a1b2c3d4e5f7");
    const auto& data = event.data.as_object();
    EXPECT_EQ(data.at("status").as_string(), "shipped");
    EXPECT_EQ(data.at("previousStatus").as_string(), "confirmed");
    EXPECT_EQ(data.at("payment").at("status").as_string(), "paid");
    EXPECT_EQ(data.at("delivery").at("trackingId").as_string(), "TRK1");
    EXPECT_TRUE(order_status_event(shipped_order(), std::nullopt).data.at("previousStatus").is_null());
}

TEST(OrderNotifications, SayWhatHappenedToTheOrder) {
    Order o = shipped_order();
    EXPECT_EQ(status_notification(o).message, "Order SA261125000042 is on its way (tracking TRK1).");
    o.state = {Status::cancelled, PaymentMethod::card, PaymentStatus::refunded};
    const auto cancelled = status_notification(o);
    EXPECT_EQ(cancelled.type, "warning");
    EXPECT_EQ(cancelled.category, "order");
    EXPECT_EQ(cancelled.message, "Order SA261125000042 is cancelled. ₹499.50 is refunded to your wallet.");
    EXPECT_EQ(cancelled.data.at("orderId").as_string(), o.id);
}

}  // namespace
}  // namespace superapp::features::orders
