#include "features/orders/status.hpp"

#include <gtest/gtest.h>

namespace superapp::features::orders {
namespace {

constexpr Status kAll[] = {Status::placed, Status::confirmed, Status::shipped, Status::delivered, Status::cancelled};
constexpr Actor kActors[] = {Actor::customer, Actor::merchant, Actor::admin, Actor::system};

// A return (delivered -> cancelled) is an admin's only.
bool allowed_edge(Status from, Status to, Actor actor) {
    return (from == Status::placed && to == Status::confirmed) ||
           (from == Status::confirmed && to == Status::shipped) ||
           (from == Status::shipped && to == Status::delivered) ||
           (to == Status::cancelled && (from == Status::placed || from == Status::confirmed)) ||
           (from == Status::delivered && to == Status::cancelled && actor == Actor::admin);
}

TEST(OrderStatus, EveryTransitionOutsideTheMachineIsRefusedForEveryone) {
    for (Status from : kAll) {
        for (Status to : kAll) {
            for (Actor actor : kActors) {
                const OrderState state{from, PaymentMethod::cod, PaymentStatus::pending};
                const auto why = refusal(state, to, actor);
                if (!allowed_edge(from, to, actor)) {
                    EXPECT_TRUE(why) << to_string(from) << " -> " << to_string(to);
                } else if (actor != Actor::customer) {
                    EXPECT_FALSE(why) << to_string(from) << " -> " << to_string(to) << ": " << *why;
                }
            }
        }
    }
}

TEST(OrderStatus, ACustomerCanOnlyCancelWhilePlacedOrConfirmed) {
    for (Status from : kAll) {
        for (Status to : kAll) {
            const auto why = refusal({from, PaymentMethod::cod, PaymentStatus::pending}, to, Actor::customer);
            const bool may = to == Status::cancelled && (from == Status::placed || from == Status::confirmed);
            EXPECT_EQ(!why, may) << to_string(from) << " -> " << to_string(to);
        }
    }
}

TEST(OrderStatus, AnUnpaidCardOrderIsNotConfirmed) {
    EXPECT_TRUE(
        refusal({Status::placed, PaymentMethod::card, PaymentStatus::pending}, Status::confirmed, Actor::admin));
    EXPECT_FALSE(refusal({Status::placed, PaymentMethod::card, PaymentStatus::paid}, Status::confirmed, Actor::system));
}

TEST(OrderStatus, NewOrdersStartByPaymentMethod) {
    EXPECT_EQ(initial_state(PaymentMethod::card).status, Status::placed);
    EXPECT_EQ(initial_state(PaymentMethod::card).payment, PaymentStatus::pending);
    EXPECT_EQ(initial_state(PaymentMethod::cod).status, Status::confirmed);
    EXPECT_EQ(initial_state(PaymentMethod::cod).payment, PaymentStatus::pending);
    EXPECT_EQ(initial_state(PaymentMethod::wallet).status, Status::confirmed);
    EXPECT_EQ(initial_state(PaymentMethod::wallet).payment, PaymentStatus::paid);
}

TEST(OrderStatus, CancellingRestocksAndRefundsOnlyWhatWasPaid) {
    const Effects paid = effects({Status::confirmed, PaymentMethod::wallet, PaymentStatus::paid}, Status::cancelled);
    EXPECT_TRUE(paid.restock);
    EXPECT_TRUE(paid.refund);
    EXPECT_EQ(paid.payment, PaymentStatus::refunded);
    EXPECT_EQ(paid.delivery_status, "cancelled");
    const Effects unpaid = effects({Status::placed, PaymentMethod::card, PaymentStatus::pending}, Status::cancelled);
    EXPECT_TRUE(unpaid.restock);
    EXPECT_FALSE(unpaid.refund);
    EXPECT_EQ(unpaid.payment, PaymentStatus::failed);
}

TEST(OrderStatus, DeliveryPaysCashOnDeliveryAndCreditsCashback) {
    const Effects cod = effects({Status::shipped, PaymentMethod::cod, PaymentStatus::pending}, Status::delivered);
    EXPECT_EQ(cod.payment, PaymentStatus::paid);
    EXPECT_TRUE(cod.cashback);
    EXPECT_TRUE(cod.delivered_now);
    EXPECT_EQ(cod.delivery_status, "delivered");
    const Effects shipped = effects({Status::confirmed, PaymentMethod::card, PaymentStatus::paid}, Status::shipped);
    EXPECT_TRUE(shipped.shipped_now);
    EXPECT_FALSE(shipped.restock);
    EXPECT_EQ(shipped.payment, PaymentStatus::paid);
}

TEST(OrderStatus, OnlyAnAdminReturnsADeliveredOrderWhichTakesBackItsCashbackAndRefunds) {
    const OrderState delivered{Status::delivered, PaymentMethod::cod, PaymentStatus::paid};
    EXPECT_FALSE(refusal(delivered, Status::cancelled, Actor::admin));
    for (Actor actor : {Actor::customer, Actor::merchant, Actor::system}) {
        EXPECT_TRUE(refusal(delivered, Status::cancelled, actor));
    }
    const Effects returned =
        effects({Status::delivered, PaymentMethod::wallet, PaymentStatus::paid}, Status::cancelled);
    EXPECT_TRUE(returned.reverse_cashback);
    EXPECT_TRUE(returned.refund);
    EXPECT_EQ(returned.payment, PaymentStatus::refunded);
    EXPECT_TRUE(returned.restock);
    EXPECT_FALSE(returned.cashback);
}

TEST(OrderStatus, AReturnedCashOnDeliveryOrderIsRefundedInCashNotIntoTheWallet) {
    const Effects returned = effects({Status::delivered, PaymentMethod::cod, PaymentStatus::paid}, Status::cancelled);
    EXPECT_FALSE(returned.refund);
    EXPECT_EQ(returned.payment, PaymentStatus::paid);
    EXPECT_TRUE(returned.reverse_cashback);
    EXPECT_TRUE(returned.restock);
}

TEST(OrderStatus, OnlyMoneyThePlatformReceivedEarnsCashback) {
    EXPECT_TRUE(earns_cashback(PaymentMethod::wallet));
    EXPECT_TRUE(earns_cashback(PaymentMethod::card));
    EXPECT_FALSE(earns_cashback(PaymentMethod::cod));
}

TEST(OrderStatus, NamesReadBack) {
    for (Status s : kAll) EXPECT_EQ(parse_status(to_string(s)), s);
    EXPECT_FALSE(parse_status("lost"));
    EXPECT_EQ(parse_payment_method("card"), PaymentMethod::card);
    EXPECT_EQ(parse_payment_status("refunded"), PaymentStatus::refunded);
}

}  // namespace
}  // namespace superapp::features::orders
