#pragma once
#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>
#include <vector>

#include "features/cart/service.hpp"
#include "features/notifications/service.hpp"
#include "features/orders/model.hpp"
#include "features/orders/repository.hpp"
#include "features/payments/gateway.hpp"
#include "platform/core/config.hpp"
#include "platform/db/database.hpp"
#include "platform/realtime/event_bus.hpp"

namespace superapp::features::orders {

/// Who asks.
struct Caller {
    std::string user_id;
    Actor actor = Actor::customer;
};

/// The settings of the order rules. CASHBACK_HOLD_DAYS (0 to 365, default 7): how long a delivered
/// order's cashback is held before it may be spent, which is also how long after delivery an admin may
/// still cancel the order (a return: stock back, payment refunded, held cashback reversed).
struct Policy {
    std::chrono::seconds cashback_hold = std::chrono::days(7);
};
/// Throws ConfigError naming an invalid CASHBACK_HOLD_DAYS.
Policy load_policy(const platform::core::Env& env);

/// PUT /orders/:id/status.
struct StatusRequest {
    Status to = Status::confirmed;
    std::optional<std::string> tracking_id;   ///< when shipped; made up when absent
    std::optional<Timestamp> estimated_time;  ///< when confirmed or shipped
};

struct ListFilter {
    std::vector<Status> statuses;  ///< any of these; empty: every status
    std::optional<std::string> cursor;
    int limit = 20;
};

struct Page {
    std::vector<Order> items;
    std::optional<std::string> next_cursor;
};

/// A committed change of an order and what to publish about it.
struct Outcome {
    Order order;
    std::optional<Status> previous;  ///< none for a new order
    notifications::Notification notification;
    std::vector<platform::realtime::Event> wallet_events;
};

/// ORDER_SWEEP_MS: how often unpaid card orders are looked for (default a minute). Throws
/// ConfigError when it is not a whole number from 100 to 86400000.
std::chrono::milliseconds load_sweep_interval(const platform::core::Env& env);

/// How long a card order waits for its payment.
inline constexpr std::chrono::minutes kPaymentWindow{30};

/// Orders: placing them (stock, prices, payment in one transaction), reading them and moving them
/// through the status machine (status.hpp). Each change writes the customer a notification in
/// its transaction and publishes order_status_update and new_notification after commit. Shard
/// thread; throws ApiError (403, 404, 409, 422, 503) and DbError.
class OrdersService {
  public:
    OrdersService(platform::db::Database& db, cart::CartService& cart,
                  notifications::NotificationsService& notifications, payments::PaymentGateway& gateway,
                  platform::realtime::EventPublisher& events, Policy policy);

    /// Places the order. 409 CART_EMPTY, ITEM_UNAVAILABLE, OUT_OF_STOCK or BELOW_MINIMUM_ORDER
    /// with details naming each item or store; 409 INSUFFICIENT_BALANCE for a wallet payment.
    /// Store cashback is earned on goods from stores the buyer does not own, and not by admins.
    boost::asio::awaitable<Order> place(const cart::Buyer& buyer, PlaceOrder request);
    /// The user's orders, newest first. 422 naming "cursor" for a cursor this did not issue.
    boost::asio::awaitable<Page> list(const std::string& user_id, const ListFilter& filter);
    /// The order, for its customer, an admin or a merchant of one of its stores; 404 otherwise.
    boost::asio::awaitable<Order> get(const Caller& caller, const std::string& id);
    /// The customer cancels their order (placed or confirmed): stock returns, a paid order is
    /// refunded to the wallet. 404 not theirs; 409 INVALID_TRANSITION.
    boost::asio::awaitable<Order> cancel(const Caller& caller, const std::string& id);
    /// A merchant of every store of the order, or an admin, moves it; only an admin cancels a delivered
    /// order, within the cashback hold after delivery (a return). 403, 404, 409 INVALID_TRANSITION.
    boost::asio::awaitable<Order> change_status(const Caller& caller, const std::string& id, StatusRequest request);
    /// Cancels card orders whose payment did not arrive within kPaymentWindow (their stock returns).
    /// Safe with several processes: each order is locked and checked again.
    boost::asio::awaitable<void> expire_unpaid();

    /// Applies a gateway's payment event inside the caller's transaction: paid confirms the order,
    /// failed cancels it; a payment for an order already cancelled unpaid (expired) is refunded to
    /// the wallet. 404 no order with that transaction; 422 AMOUNT_MISMATCH; 409 PAYMENT_NOT_PENDING.
    static boost::asio::awaitable<Outcome> settle_in(platform::db::Tx& tx, const payments::WebhookEvent& event);
    /// Publishes what a committed change reports. Any thread.
    void publish(const Outcome& outcome);

    /// The products the user bought (orders not cancelled), most recently ordered first, at most `limit`.
    boost::asio::awaitable<std::vector<Purchase>> purchases(const std::string& user_id, int limit);
    /// Units sold per product per UTC day over the last `days` days (orders not cancelled).
    boost::asio::awaitable<std::vector<DailySales>> daily_sales(int days);

  private:
    /// The order as the caller may see it, unlocked; 404 when they may not.
    boost::asio::awaitable<Order> visible(const Caller& caller, const std::string& id);

    platform::db::Database& db_;
    OrdersRepository repo_;
    cart::CartService& cart_;
    notifications::NotificationsService& notifications_;
    payments::PaymentGateway& gateway_;
    platform::realtime::EventPublisher& events_;
    Policy policy_;
};

}  // namespace superapp::features::orders
