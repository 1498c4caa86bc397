#pragma once
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "features/cart/model.hpp"
#include "platform/db/database.hpp"

namespace superapp::features::cart {

/// The only code that runs the cart feature's SQL. Shard thread; throws DbError.
class CartRepository {
  public:
    explicit CartRepository(platform::db::Database& db) : db_(db) {}

    /// The user's cart without its items, made empty when there is none.
    boost::asio::awaitable<Cart> ensure(const std::string& user_id);
    /// The cart's items, oldest first.
    boost::asio::awaitable<std::vector<CartItem>> items(const std::string& cart_id);
    /// What the catalog says now of each key; a key naming no product has no offer.
    boost::asio::awaitable<std::vector<Offer>> offers(const std::vector<ItemKey>& keys);
    /// Deletes at most `limit` expired carts; returns how many.
    boost::asio::awaitable<std::int64_t> delete_expired(int limit);

    // ---- inside a caller's transaction ----

    /// The user's cart (made when there is none), its expiry moved on, locked until `tx` ends.
    static boost::asio::awaitable<Cart> touch_in(platform::db::Tx& tx, const std::string& user_id);
    static boost::asio::awaitable<std::vector<CartItem>> items_in(platform::db::Tx& tx, const std::string& cart_id);
    static boost::asio::awaitable<std::vector<Offer>> offers_in(platform::db::Tx& tx, const std::vector<ItemKey>& keys);
    /// The cart's item with this id or, when `item_id` is empty, with this key; locked.
    static boost::asio::awaitable<std::optional<CartItem>> item_in(platform::db::Tx& tx, const std::string& cart_id,
                                                                   const std::string& item_id, const ItemKey& key);
    static boost::asio::awaitable<std::int64_t> count_in(platform::db::Tx& tx, const std::string& cart_id);
    static boost::asio::awaitable<void> insert_in(platform::db::Tx& tx, const std::string& cart_id,
                                                  const CartItem& item);
    static boost::asio::awaitable<void> update_in(platform::db::Tx& tx, const std::string& item_id,
                                                  std::int64_t quantity);
    /// Whether the cart had the item.
    static boost::asio::awaitable<bool> delete_in(platform::db::Tx& tx, const std::string& cart_id,
                                                  const std::string& item_id);
    static boost::asio::awaitable<void> clear_in(platform::db::Tx& tx, const std::string& cart_id);

  private:
    platform::db::Database& db_;
};

}  // namespace superapp::features::cart
