#include "features/orders/status.hpp"

#include <array>

namespace superapp::features::orders {

namespace {

constexpr std::array<std::string_view, 5> kStatuses = {"placed", "confirmed", "shipped", "delivered", "cancelled"};
constexpr std::array<std::string_view, 3> kMethods = {"wallet", "card", "cod"};
constexpr std::array<std::string_view, 4> kPayments = {"pending", "paid", "failed", "refunded"};
constexpr std::array<std::string_view, 5> kDelivery = {"pending", "confirmed", "shipped", "delivered", "cancelled"};

template <class E, std::size_t N>
std::optional<E> parse(const std::array<std::string_view, N>& names, std::string_view text) {
    for (std::size_t i = 0; i < N; ++i) {
        if (names[i] == text) return static_cast<E>(i);
    }
    return std::nullopt;
}

bool edge_exists(Status from, Status to) {
    switch (to) {
        case Status::confirmed: return from == Status::placed;
        case Status::shipped: return from == Status::confirmed;
        case Status::delivered: return from == Status::shipped;
        case Status::cancelled: return from == Status::placed || from == Status::confirmed || from == Status::delivered;
        case Status::placed: return false;
    }
    return false;
}

std::string quoted(Status s) { return std::string(to_string(s)); }

}  // namespace

std::string_view to_string(Status s) { return kStatuses[static_cast<std::size_t>(s)]; }
std::string_view to_string(PaymentMethod m) { return kMethods[static_cast<std::size_t>(m)]; }
std::string_view to_string(PaymentStatus s) { return kPayments[static_cast<std::size_t>(s)]; }
std::optional<Status> parse_status(std::string_view text) { return parse<Status>(kStatuses, text); }
std::optional<PaymentMethod> parse_payment_method(std::string_view text) {
    return parse<PaymentMethod>(kMethods, text);
}
std::optional<PaymentStatus> parse_payment_status(std::string_view text) {
    return parse<PaymentStatus>(kPayments, text);
}
std::string_view delivery_status(Status s) { return kDelivery[static_cast<std::size_t>(s)]; }

std::optional<std::string> refusal(const OrderState& state, Status to, Actor actor) {
    if (state.status == to) return "the order is already " + quoted(to);
    if (!edge_exists(state.status, to))
        return "an order that is " + quoted(state.status) + " cannot become " + quoted(to);
    if (actor == Actor::customer && to != Status::cancelled) return "a customer can only cancel an order";
    if (state.status == Status::delivered && actor != Actor::admin) {
        return "a delivered order is cancelled (returned) only by an admin";
    }
    if (to == Status::confirmed && state.method == PaymentMethod::card && state.payment != PaymentStatus::paid) {
        return "a card order is confirmed when its payment arrives";
    }
    return std::nullopt;
}

bool earns_cashback(PaymentMethod method) { return method != PaymentMethod::cod; }

OrderState initial_state(PaymentMethod method) {
    switch (method) {
        case PaymentMethod::wallet: return {Status::confirmed, method, PaymentStatus::paid};
        case PaymentMethod::cod: return {Status::confirmed, method, PaymentStatus::pending};
        case PaymentMethod::card: return {Status::placed, method, PaymentStatus::pending};
    }
    return {};
}

Effects effects(const OrderState& state, Status to) {
    Effects e;
    e.delivery_status = delivery_status(to);
    e.payment = state.payment;
    switch (to) {
        case Status::confirmed: e.confirmed_now = true; break;
        case Status::shipped: e.shipped_now = true; break;
        case Status::delivered:
            e.delivered_now = true;
            e.cashback = true;
            // Cash on delivery is paid when it is delivered.
            if (state.method == PaymentMethod::cod) e.payment = PaymentStatus::paid;
            break;
        case Status::cancelled:
            e.restock = true;
            e.reverse_cashback = true;
            if (state.status == Status::delivered && state.method == PaymentMethod::cod) {
                // A returned cash-on-delivery order is refunded in cash by its store: the wallet never held
                // that money, and crediting it would turn a delivery only a merchant vouches for into money.
                break;
            }
            e.refund = state.payment == PaymentStatus::paid;
            e.payment = e.refund ? PaymentStatus::refunded : PaymentStatus::failed;
            break;
        case Status::placed: break;
    }
    return e;
}

}  // namespace superapp::features::orders
