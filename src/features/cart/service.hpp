#pragma once
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "features/cart/model.hpp"
#include "features/cart/repository.hpp"
#include "features/cart/settings.hpp"
#include "platform/db/database.hpp"

namespace superapp::features::cart {

/// The most units of one item a cart or an order line holds.
inline constexpr std::int64_t kMaxQuantity = 99;
/// The most distinct items a cart holds.
inline constexpr std::int64_t kMaxItems = 50;

/// Users' carts. Every change runs in one transaction that locks the user's cart row. Shard
/// thread; throws ApiError (404, 409, 422) and DbError.
class CartService {
  public:
    CartService(platform::db::Database& db, Settings settings);

    /// The user's cart (empty when they have none yet) with current prices and totals.
    boost::asio::awaitable<CartView> get(const Buyer& buyer);
    /// Adds units of an active product (or variant) that are in stock now; the same product and
    /// variant merges. 422 naming `product_field` (the name the client sent), variant or quantity;
    /// 409 OUT_OF_STOCK or CART_FULL.
    boost::asio::awaitable<CartView> add(const Buyer& buyer, ItemKey key, std::int64_t quantity,
                                         std::string_view product_field = "product");
    /// Sets an item's quantity. 404 no such item; 409 OUT_OF_STOCK or PRODUCT_UNAVAILABLE.
    boost::asio::awaitable<CartView> update(const Buyer& buyer, std::string item_id, std::int64_t quantity);
    /// 404 no such item.
    boost::asio::awaitable<CartView> remove(const Buyer& buyer, std::string item_id);
    boost::asio::awaitable<CartView> clear(const Buyer& buyer);
    /// Removes up to `max_rows` carts untouched for 30 days, in batches, and logs how many. Safe
    /// with several processes (each batch skips carts another one holds).
    boost::asio::awaitable<void> remove_expired(int max_rows = 10000);

    // ---- for orders, inside their transaction ----

    /// The user's cart with its items, locked until `tx` ends.
    static boost::asio::awaitable<Cart> lock_in(platform::db::Tx& tx, const std::string& user_id);
    static boost::asio::awaitable<void> clear_in(platform::db::Tx& tx, const std::string& cart_id);
    /// What the catalog says now of each key; a key naming no product has none.
    static boost::asio::awaitable<std::vector<Offer>> offers_in(platform::db::Tx& tx, const std::vector<ItemKey>& keys);
    /// `quantity` units of the offer as totals price them for the buyer (GST by its category, the
    /// store's cashback unless the buyer may not have it).
    PricedLine priced(const Offer& offer, std::int64_t quantity, const Buyer& buyer) const;
    const Settings& settings() const { return settings_; }

  private:
    /// The view of a cart and its items as the catalog prices them now.
    CartView view(Cart cart, const std::vector<Offer>& offers, const Buyer& buyer) const;

    platform::db::Database& db_;
    CartRepository repo_;
    Settings settings_;
};

/// The offer for the key among `offers`, or null. Pure.
const Offer* find_offer(const std::vector<Offer>& offers, const ItemKey& key);

}  // namespace superapp::features::cart
