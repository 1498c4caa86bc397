#include "features/cart/totals.hpp"

#include <algorithm>

namespace superapp::features::cart {

namespace {

constexpr std::int64_t kBasisPoints = 10'000;

StoreTotals& store_of(Totals& totals, const PricedLine& line) {
    auto it = std::find_if(totals.stores.begin(), totals.stores.end(),
                           [&line](const StoreTotals& s) { return s.store_id == line.store_id; });
    if (it != totals.stores.end()) return *it;
    StoreTotals& added = totals.stores.emplace_back();
    added.store_id = line.store_id;
    added.minimum_order = line.store_minimum_order;
    return added;
}

}  // namespace

Money line_tax(Money unit_price, std::int64_t quantity, std::int64_t tax_basis_points) {
    return (unit_price * quantity).scaled(tax_basis_points, kBasisPoints);
}

Totals compute_totals(const std::vector<PricedLine>& lines, const DeliveryRule& delivery) {
    Totals totals;
    std::vector<std::int64_t> cashback_points;  // per store, in totals.stores' order
    for (const auto& line : lines) {
        const Money goods = line.unit_price * line.quantity;
        const Money tax = line_tax(line.unit_price, line.quantity, line.tax_basis_points);
        totals.subtotal += line.unit_original * line.quantity;
        totals.discount += (line.unit_original - line.unit_price) * line.quantity;
        totals.tax += tax;
        StoreTotals& store = store_of(totals, line);
        if (cashback_points.size() < totals.stores.size()) cashback_points.push_back(line.store_cashback_basis_points);
        store.goods += goods;
        store.tax += tax;
    }
    for (std::size_t i = 0; i < totals.stores.size(); ++i) {
        StoreTotals& store = totals.stores[i];
        store.delivery = store.goods >= delivery.free_above ? Money() : delivery.fee;
        store.below_minimum = store.goods < store.minimum_order;
        store.cashback = (store.goods + store.tax + store.delivery).scaled(cashback_points[i], kBasisPoints);
        totals.delivery += store.delivery;
        totals.cashback += store.cashback;
    }
    totals.total = totals.subtotal - totals.discount + totals.tax + totals.delivery;
    return totals;
}

}  // namespace superapp::features::cart
