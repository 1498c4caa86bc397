#pragma once
// The order status machine, the one place that says which status changes are allowed, who may make
// them and what each one does to payment, delivery, stock and the wallet. Pure.
//   placed -> confirmed -> shipped -> delivered;  placed | confirmed -> cancelled;
//   delivered -> cancelled (a return: by an admin only, within the cashback hold; see OrdersService)
#include <optional>
#include <string>
#include <string_view>

namespace superapp::features::orders {

// Also listed in db/migrations/0031_orders.sql and docs/openapi.yaml; change them together.
enum class Status { placed, confirmed, shipped, delivered, cancelled };
enum class PaymentMethod { wallet, card, cod };
enum class PaymentStatus { pending, paid, failed, refunded };
/// Who asks: the order's customer, a merchant of its stores, an admin, or the system (the payment
/// gateway's webhook and the expiry of unpaid card orders).
enum class Actor { customer, merchant, admin, system };

std::string_view to_string(Status s);
std::string_view to_string(PaymentMethod m);
std::string_view to_string(PaymentStatus s);
std::optional<Status> parse_status(std::string_view text);
std::optional<PaymentMethod> parse_payment_method(std::string_view text);
std::optional<PaymentStatus> parse_payment_status(std::string_view text);

/// What the machine looks at.
struct OrderState {
    Status status = Status::placed;
    PaymentMethod method = PaymentMethod::cod;
    PaymentStatus payment = PaymentStatus::pending;
};

/// Why `actor` may not move the order to `to`, as a sentence; nullopt when it may.
std::optional<std::string> refusal(const OrderState& state, Status to, Actor actor);

/// Whether an order paid this way earns its stores' cashback: only money the platform received does (a
/// wallet or card payment). Cash on delivery does not: its delivery is only the merchant's word, and a
/// merchant ordering through a second account would be paid cashback on a sale that never happened. Pure.
bool earns_cashback(PaymentMethod method);

/// What a new order starts as: wallet and cod orders are confirmed at once (wallet ones paid),
/// card orders are placed and wait for their payment.
OrderState initial_state(PaymentMethod method);

/// What an allowed change does besides setting the status.
struct Effects {
    std::string_view delivery_status;                ///< pending, confirmed, shipped, delivered, cancelled
    PaymentStatus payment = PaymentStatus::pending;  ///< the payment status after it
    bool restock = false;                            ///< the items' units go back to the catalog
    bool refund = false;                             ///< the paid total goes back to the wallet
    bool cashback = false;          ///< the order's cashback is held in the wallet (spendable after the hold)
    bool reverse_cashback = false;  ///< cashback still held for the order goes back
    bool delivered_now = false;     ///< delivery.actualTime is set
    bool shipped_now = false;       ///< delivery.trackingId is set
    bool confirmed_now = false;     ///< delivery.estimatedTime is set
};

/// The effects of moving an order from `state` to `to` (a change refusal() allows).
Effects effects(const OrderState& state, Status to);

/// The delivery status that goes with an order status.
std::string_view delivery_status(Status s);

}  // namespace superapp::features::orders
