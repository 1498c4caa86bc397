#include "features/cart/cart_json.hpp"

#include <boost/json/array.hpp>

#include "platform/core/time.hpp"

namespace superapp::features::cart {

namespace json = boost::json;
using platform::core::to_iso8601;

namespace {

json::value variant_json(const ItemKey& key) {
    if (!key.has_variant()) return nullptr;
    return json::object{{"type", key.variant_type}, {"value", key.variant_value}};
}

json::object item_json(const CartItem& item, const std::optional<Offer>& offer) {
    const Money current = offer ? offer->price : item.price;
    json::object o{{"_id", item.id},
                   {"product", item.key.product_id},
                   {"store", offer ? json::value(offer->store_id) : json::value(nullptr)},
                   {"name", offer ? json::value(offer->name) : json::value(nullptr)},
                   {"image", offer && offer->image ? json::value(*offer->image) : json::value(nullptr)},
                   {"variant", variant_json(item.key)},
                   {"quantity", item.quantity},
                   {"price", item.price.to_json()},
                   {"currentPrice", current.to_json()},
                   {"priceChanged", current != item.price},
                   {"available", offer && offer->can_sell(item.quantity)},
                   {"addedAt", to_iso8601(item.added_at)}};
    return o;
}

std::string store_name(const CartView& view, const std::string& store_id) {
    for (const auto& offer : view.offers) {
        if (offer && offer->store_id == store_id) return offer->store_name;
    }
    return {};
}

}  // namespace

json::object totals_json(const Totals& totals) {
    return {{"subtotal", totals.subtotal.to_json()},
            {"tax", totals.tax.to_json()},
            {"delivery", totals.delivery.to_json()},
            {"discount", totals.discount.to_json()},
            {"total", totals.total.to_json()}};
}

json::object cart_json(const CartView& view) {
    const Cart& cart = view.cart;
    json::array items;
    for (std::size_t i = 0; i < cart.items.size(); ++i) items.push_back(item_json(cart.items[i], view.offers[i]));
    json::array stores;
    for (const auto& s : view.totals.stores) {
        stores.push_back(json::object{{"store", s.store_id},
                                      {"name", store_name(view, s.store_id)},
                                      {"subtotal", s.goods.to_json()},
                                      {"tax", s.tax.to_json()},
                                      {"delivery", s.delivery.to_json()},
                                      {"minimumOrder", s.minimum_order.to_json()},
                                      {"belowMinimum", s.below_minimum}});
    }
    return {{"_id", cart.id},
            {"user", cart.user_id},
            {"items", std::move(items)},
            {"stores", std::move(stores)},
            {"totals", totals_json(view.totals)},
            {"cashback", view.totals.cashback.to_json()},
            {"isActive", true},
            {"expiresAt", to_iso8601(cart.expires_at)},
            {"createdAt", to_iso8601(cart.created_at)},
            {"updatedAt", to_iso8601(cart.updated_at)}};
}

}  // namespace superapp::features::cart
