#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "features/cart/totals.hpp"
#include "platform/core/money.hpp"
#include "platform/core/time.hpp"

namespace superapp::features::cart {

using platform::core::Timestamp;

/// A product, or one of its variants ("" type and value: the product itself).
struct ItemKey {
    std::string product_id;
    std::string variant_type;
    std::string variant_value;

    bool has_variant() const { return !variant_type.empty(); }
    friend bool operator==(const ItemKey&, const ItemKey&) = default;
};

struct CartItem {
    std::string id;
    ItemKey key;
    std::int64_t quantity = 1;
    Money price;  ///< per unit, when it was added
    Timestamp added_at{};
};

struct Cart {
    std::string id;
    std::string user_id;
    std::vector<CartItem> items;  ///< oldest first
    Timestamp created_at{}, updated_at{}, expires_at{};
};

/// What the catalog says now of a product (or variant) someone wants to buy.
struct Offer {
    ItemKey key;
    bool variant_found = false;  ///< the key names no variant, or one the product has
    bool active = false;         ///< product, store and category all active
    std::string name;
    std::optional<std::string> image;
    std::string store_id;
    std::string store_name;
    Money price;             ///< the variant's price, else the product's selling price
    Money original;          ///< the product's MRP for the product itself; a variant's own price for a variant
    std::int64_t stock = 0;  ///< units that can be sold now: the lower of the variant's and the product's
    std::string category_slug;
    std::optional<std::string> parent_category_slug;
    Money store_minimum_order;
    std::int64_t store_cashback_basis_points = 0;
    std::optional<std::string> store_owner_id;

    /// Whether `quantity` units can be bought now.
    bool can_sell(std::int64_t quantity) const { return active && variant_found && stock >= quantity; }
};

/// Who buys: the cart's (and the order's) customer.
struct Buyer {
    std::string user_id;
    bool admin = false;
};

/// The store's cashback for this buyer, in basis points: none when the buyer owns the selling store or
/// is an admin (who can manage every store): nobody earns cashback on a sale to themselves. Pure.
std::int64_t cashback_basis_points(const Offer& offer, const Buyer& buyer);

/// A cart as GET /cart shows it: each item with its offer (nullopt: the product is gone), whether
/// it can be bought as it stands, and the totals of the items that can.
struct CartView {
    Cart cart;
    std::vector<std::optional<Offer>> offers;  ///< offers[i] for cart.items[i]
    Totals totals;
};

}  // namespace superapp::features::cart
