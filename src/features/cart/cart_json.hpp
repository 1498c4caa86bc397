#pragma once
#include <boost/json/object.hpp>

#include "features/cart/model.hpp"

namespace superapp::features::cart {

/// The seed's Carts document: _id, user, items (each with its snapshot `price`, `currentPrice`,
/// `priceChanged` and `available`), totals, plus `stores` (each store's share, delivery and
/// minimum order), isActive, expiresAt, createdAt, updatedAt. Money in rupees. Pure.
boost::json::object cart_json(const CartView& view);

/// {subtotal, tax, delivery, discount, total} in rupees. Pure.
boost::json::object totals_json(const Totals& totals);

}  // namespace superapp::features::cart
