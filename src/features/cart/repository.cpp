#include "features/cart/repository.hpp"

#include "platform/core/object_id.hpp"

namespace superapp::features::cart {

namespace asio = boost::asio;
using platform::db::named_query;
using platform::db::Row;

namespace {

std::string new_id() { return platform::core::ObjectId::generate().to_string(); }

Cart cart_from(const Row& row) {
    Cart c;
    c.id = row.get<std::string>("id");
    c.user_id = row.get<std::string>("user_id");
    c.created_at = row.get<Timestamp>("created_at");
    c.updated_at = row.get<Timestamp>("updated_at");
    c.expires_at = row.get<Timestamp>("expires_at");
    return c;
}

ItemKey key_from(const Row& row) {
    return {row.get<std::string>("product_id"), row.get<std::string>("variant_type"),
            row.get<std::string>("variant_value")};
}

CartItem item_from(const Row& row) {
    CartItem i;
    i.id = row.get<std::string>("id");
    i.key = key_from(row);
    i.quantity = row.get<std::int64_t>("quantity");
    i.price = Money::from_paise(row.get<std::int64_t>("price_paise"));
    i.added_at = row.get<Timestamp>("added_at");
    return i;
}

Offer offer_from(const Row& row) {
    Offer o;
    o.key = key_from(row);
    o.variant_found = row.get<bool>("variant_found");
    o.active = row.get<bool>("active");
    o.name = row.get<std::string>("name");
    o.image = row.get_optional<std::string>("image");
    o.store_id = row.get<std::string>("store_id");
    o.store_name = row.get<std::string>("store_name");
    o.price = Money::from_paise(row.get<std::int64_t>("price_paise"));
    o.original = Money::from_paise(row.get<std::int64_t>("original_paise"));
    o.stock = row.get<std::int64_t>("stock");
    o.category_slug = row.get<std::string>("category_slug");
    o.parent_category_slug = row.get_optional<std::string>("parent_category_slug");
    o.store_minimum_order = Money::from_paise(row.get<std::int64_t>("minimum_order_paise"));
    o.store_cashback_basis_points = row.get<std::int64_t>("cashback_basis_points");
    o.store_owner_id = row.get_optional<std::string>("store_owner_id");
    return o;
}

// Database and Tx run queries alike; reads used both alone and inside a transaction share this.
template <class Runner>
asio::awaitable<std::vector<Offer>> read_offers(Runner& runner, const std::vector<ItemKey>& keys) {
    std::vector<std::string> products, types, values;
    for (const auto& k : keys) {
        products.push_back(k.product_id);
        types.push_back(k.variant_type);
        values.push_back(k.variant_value);
    }
    const auto result = co_await runner.query(named_query("cart.offers"), products, types, values);
    std::vector<Offer> offers;
    offers.reserve(result.size());
    for (const auto row : result) offers.push_back(offer_from(row));
    co_return offers;
}

template <class Runner>
asio::awaitable<std::vector<CartItem>> read_items(Runner& runner, const std::string& cart_id) {
    const auto result = co_await runner.query(named_query("cart.items"), cart_id);
    std::vector<CartItem> items;
    items.reserve(result.size());
    for (const auto row : result) items.push_back(item_from(row));
    co_return items;
}

}  // namespace

asio::awaitable<Cart> CartRepository::ensure(const std::string& user_id) {
    const auto result = co_await db_.query(named_query("cart.ensure"), new_id(), user_id);
    co_return cart_from(result[0]);
}

asio::awaitable<std::vector<CartItem>> CartRepository::items(const std::string& cart_id) {
    co_return co_await read_items(db_, cart_id);
}

asio::awaitable<std::vector<Offer>> CartRepository::offers(const std::vector<ItemKey>& keys) {
    co_return co_await read_offers(db_, keys);
}

asio::awaitable<std::int64_t> CartRepository::delete_expired(int limit) {
    const auto result = co_await db_.query(named_query("cart.delete_expired"), limit);
    co_return result.affected_rows();
}

asio::awaitable<Cart> CartRepository::touch_in(platform::db::Tx& tx, const std::string& user_id) {
    const auto result = co_await tx.query(named_query("cart.touch"), new_id(), user_id);
    co_return cart_from(result[0]);
}

asio::awaitable<std::vector<CartItem>> CartRepository::items_in(platform::db::Tx& tx, const std::string& cart_id) {
    co_return co_await read_items(tx, cart_id);
}

asio::awaitable<std::vector<Offer>> CartRepository::offers_in(platform::db::Tx& tx, const std::vector<ItemKey>& keys) {
    co_return co_await read_offers(tx, keys);
}

asio::awaitable<std::optional<CartItem>> CartRepository::item_in(platform::db::Tx& tx, const std::string& cart_id,
                                                                 const std::string& item_id, const ItemKey& key) {
    const auto result = co_await tx.query(named_query("cart.item_for_update"), cart_id, item_id, key.product_id,
                                          key.variant_type, key.variant_value);
    if (result.empty()) co_return std::nullopt;
    co_return item_from(result[0]);
}

asio::awaitable<std::int64_t> CartRepository::count_in(platform::db::Tx& tx, const std::string& cart_id) {
    const auto result = co_await tx.query(named_query("cart.item_count"), cart_id);
    co_return result[0].get<std::int64_t>("items");
}

asio::awaitable<void> CartRepository::insert_in(platform::db::Tx& tx, const std::string& cart_id,
                                                const CartItem& item) {
    co_await tx.query(named_query("cart.item_insert"), item.id, cart_id, item.key.product_id, item.key.variant_type,
                      item.key.variant_value, item.quantity, item.price.paise());
}

asio::awaitable<void> CartRepository::update_in(platform::db::Tx& tx, const std::string& item_id,
                                                std::int64_t quantity) {
    co_await tx.query(named_query("cart.item_update"), item_id, quantity);
}

asio::awaitable<bool> CartRepository::delete_in(platform::db::Tx& tx, const std::string& cart_id,
                                                const std::string& item_id) {
    const auto result = co_await tx.query(named_query("cart.item_delete"), item_id, cart_id);
    co_return result.affected_rows() > 0;
}

asio::awaitable<void> CartRepository::clear_in(platform::db::Tx& tx, const std::string& cart_id) {
    co_await tx.query(named_query("cart.clear"), cart_id);
}

}  // namespace superapp::features::cart
