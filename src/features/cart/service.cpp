#include "features/cart/service.hpp"

#include "platform/core/log.hpp"
#include "platform/core/object_id.hpp"
#include "platform/http/api_error.hpp"

namespace superapp::features::cart {

namespace asio = boost::asio;
using platform::db::Tx;
using platform::http::ApiError;

namespace {

ApiError out_of_stock(std::int64_t stock) {
    return ApiError::conflict("not enough stock", "OUT_OF_STOCK",
                              {{"quantity", "only " + std::to_string(stock) + " in stock"}});
}

ApiError no_such_item() { return ApiError::not_found("no such item in the cart"); }

// The offer for a key to be added, or the 422 that says why there is none.
const Offer& require_offer(const std::vector<Offer>& offers, const ItemKey& key, const std::string& product_field) {
    const Offer* offer = find_offer(offers, key);
    if (offer == nullptr || !offer->active) throw ApiError::invalid_field(product_field, "names no active product");
    if (!offer->variant_found) throw ApiError::invalid_field("variant", "the product has no such variant");
    return *offer;
}

asio::awaitable<void> add_in(Tx& tx, const std::string& user_id, const ItemKey& key, std::int64_t quantity,
                             const std::string& product_field) {
    const Cart cart = co_await CartRepository::touch_in(tx, user_id);
    const std::vector<ItemKey> keys{key};
    const std::vector<Offer> offers = co_await CartRepository::offers_in(tx, keys);
    const Offer& offer = require_offer(offers, key, product_field);
    const std::string by_key;  // no item id: find the item by its key
    const std::optional<CartItem> existing = co_await CartRepository::item_in(tx, cart.id, by_key, key);
    const std::int64_t total = quantity + (existing ? existing->quantity : 0);
    if (total > kMaxQuantity) {
        throw ApiError::invalid_field("quantity",
                                      "the cart would hold " + std::to_string(total) + " of this item; at most 99");
    }
    if (offer.stock < total) throw out_of_stock(offer.stock);
    if (existing) {
        co_await CartRepository::update_in(tx, existing->id, total);
        co_return;
    }
    const std::int64_t count = co_await CartRepository::count_in(tx, cart.id);
    if (count >= kMaxItems) throw ApiError::conflict("the cart holds 50 items, the most it can", "CART_FULL");
    CartItem item;
    item.id = platform::core::ObjectId::generate().to_string();
    item.key = key;
    item.quantity = quantity;
    item.price = offer.price;
    co_await CartRepository::insert_in(tx, cart.id, item);
}

asio::awaitable<void> update_in(Tx& tx, const std::string& user_id, const std::string& item_id, std::int64_t quantity) {
    const Cart cart = co_await CartRepository::touch_in(tx, user_id);
    const ItemKey by_id;  // no key: find the item by its id
    const std::optional<CartItem> item = co_await CartRepository::item_in(tx, cart.id, item_id, by_id);
    if (!item) throw no_such_item();
    const std::vector<ItemKey> keys{item->key};
    const std::vector<Offer> offers = co_await CartRepository::offers_in(tx, keys);
    const Offer* offer = find_offer(offers, item->key);
    if (offer == nullptr || !offer->active || !offer->variant_found) {
        throw ApiError::conflict("the product is no longer sold; remove it", "PRODUCT_UNAVAILABLE");
    }
    if (offer->stock < quantity) throw out_of_stock(offer->stock);
    co_await CartRepository::update_in(tx, item->id, quantity);
}

asio::awaitable<void> remove_in(Tx& tx, const std::string& user_id, const std::string& item_id) {
    const Cart cart = co_await CartRepository::touch_in(tx, user_id);
    const bool removed = co_await CartRepository::delete_in(tx, cart.id, item_id);
    if (!removed) throw no_such_item();
}

asio::awaitable<void> clear_cart_in(Tx& tx, const std::string& user_id) {
    const Cart cart = co_await CartRepository::touch_in(tx, user_id);
    co_await CartRepository::clear_in(tx, cart.id);
}

}  // namespace

const Offer* find_offer(const std::vector<Offer>& offers, const ItemKey& key) {
    for (const auto& o : offers) {
        if (o.key == key) return &o;
    }
    return nullptr;
}

CartService::CartService(platform::db::Database& db, Settings settings)
    : db_(db), repo_(db), settings_(std::move(settings)) {}

std::int64_t cashback_basis_points(const Offer& offer, const Buyer& buyer) {
    if (buyer.admin || offer.store_owner_id == buyer.user_id) return 0;
    return offer.store_cashback_basis_points;
}

asio::awaitable<CartView> CartService::get(const Buyer& buyer) {
    Cart cart = co_await repo_.ensure(buyer.user_id);
    cart.items = co_await repo_.items(cart.id);
    std::vector<ItemKey> keys;
    for (const auto& item : cart.items) keys.push_back(item.key);
    std::vector<Offer> offers;
    if (!keys.empty()) offers = co_await repo_.offers(keys);
    co_return view(std::move(cart), offers, buyer);
}

asio::awaitable<CartView> CartService::add(const Buyer& buyer, ItemKey key, std::int64_t quantity,
                                           std::string_view product_field) {
    co_await db_.transaction(add_in, buyer.user_id, std::move(key), quantity, std::string(product_field));
    co_return co_await get(buyer);
}

asio::awaitable<CartView> CartService::update(const Buyer& buyer, std::string item_id, std::int64_t quantity) {
    if (!platform::core::ObjectId::is_valid(item_id)) throw no_such_item();
    co_await db_.transaction(update_in, buyer.user_id, std::move(item_id), quantity);
    co_return co_await get(buyer);
}

asio::awaitable<CartView> CartService::remove(const Buyer& buyer, std::string item_id) {
    if (!platform::core::ObjectId::is_valid(item_id)) throw no_such_item();
    co_await db_.transaction(remove_in, buyer.user_id, std::move(item_id));
    co_return co_await get(buyer);
}

asio::awaitable<CartView> CartService::clear(const Buyer& buyer) {
    co_await db_.transaction(clear_cart_in, buyer.user_id);
    co_return co_await get(buyer);
}

asio::awaitable<void> CartService::remove_expired(int max_rows) {
    constexpr int kBatch = 1000;
    std::int64_t removed = 0;
    while (removed < max_rows) {
        const std::int64_t n = co_await repo_.delete_expired(kBatch);
        removed += n;
        if (n < kBatch) break;
    }
    if (removed > 0) platform::core::log::info("expired carts removed", {{"count", removed}});
}

asio::awaitable<Cart> CartService::lock_in(Tx& tx, const std::string& user_id) {
    Cart cart = co_await CartRepository::touch_in(tx, user_id);
    cart.items = co_await CartRepository::items_in(tx, cart.id);
    co_return cart;
}

asio::awaitable<void> CartService::clear_in(Tx& tx, const std::string& cart_id) {
    co_await CartRepository::clear_in(tx, cart_id);
}

asio::awaitable<std::vector<Offer>> CartService::offers_in(Tx& tx, const std::vector<ItemKey>& keys) {
    co_return co_await CartRepository::offers_in(tx, keys);
}

PricedLine CartService::priced(const Offer& offer, std::int64_t quantity, const Buyer& buyer) const {
    PricedLine line;
    line.store_id = offer.store_id;
    line.quantity = quantity;
    line.unit_price = offer.price;
    line.unit_original = offer.original;
    line.tax_basis_points = settings_.gst_for(offer.category_slug, offer.parent_category_slug);
    line.store_minimum_order = offer.store_minimum_order;
    line.store_cashback_basis_points = cashback_basis_points(offer, buyer);
    return line;
}

CartView CartService::view(Cart cart, const std::vector<Offer>& offers, const Buyer& buyer) const {
    CartView v;
    std::vector<PricedLine> lines;
    for (const auto& item : cart.items) {
        const Offer* offer = find_offer(offers, item.key);
        v.offers.push_back(offer ? std::optional<Offer>(*offer) : std::nullopt);
        if (offer && offer->can_sell(item.quantity)) lines.push_back(priced(*offer, item.quantity, buyer));
    }
    v.totals = compute_totals(lines, settings_.delivery);
    v.cart = std::move(cart);
    return v;
}

}  // namespace superapp::features::cart
