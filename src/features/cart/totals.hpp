#pragma once
// The money of a cart or an order, computed by the server only, in paise. Every rounding of the
// cart and order totals happens here, one rule: round_half_up (halves away from zero).
#include <cstdint>
#include <string>
#include <vector>

#include "platform/core/money.hpp"

namespace superapp::features::cart {

using platform::core::Money;

/// One priced line: what one unit costs now and its MRP, the line's GST rate and its store's rules.
struct PricedLine {
    std::string store_id;
    std::int64_t quantity = 1;
    Money unit_price;                              ///< what is paid per unit
    Money unit_original;                           ///< the MRP per unit (>= unit_price); the difference is the discount
    std::int64_t tax_basis_points = 500;           ///< GST: 500 = 5%
    Money store_minimum_order;                     ///< the store's minimumOrder
    std::int64_t store_cashback_basis_points = 0;  ///< the store's cashback %: 250 = 2.5%
};

/// How delivery is charged: per store, free when its goods come to at least free_above.
struct DeliveryRule {
    Money fee = Money::from_paise(4000);
    Money free_above = Money::from_paise(49900);
};

/// One store's share of the totals, in the order its first line appears.
struct StoreTotals {
    std::string store_id;
    Money goods;  ///< what its lines cost at unit_price
    Money tax;
    Money delivery;
    Money minimum_order;
    bool below_minimum = false;  ///< goods < minimum_order: the store will not take the order
    Money cashback;              ///< the store's cashback % of goods + tax + delivery
};

struct Totals {
    Money subtotal;  ///< sum of MRP x quantity
    Money discount;  ///< subtotal - what the goods cost
    Money tax;       ///< sum of each line's GST, each rounded on its own
    Money delivery;  ///< sum of the stores' delivery charges
    Money total;     ///< subtotal - discount + tax + delivery
    Money cashback;  ///< sum of the stores' cashback
    std::vector<StoreTotals> stores;
};

/// A line's GST: line amount x basis points / 10000, rounded half away from zero. Pure.
Money line_tax(Money unit_price, std::int64_t quantity, std::int64_t tax_basis_points);

/// The totals of the lines under the delivery rule. Pure; throws std::overflow_error only for
/// amounts beyond int64 paise.
Totals compute_totals(const std::vector<PricedLine>& lines, const DeliveryRule& delivery);

}  // namespace superapp::features::cart
