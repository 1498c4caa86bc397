#include "features/catalog/service.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "platform/core/json.hpp"
#include "platform/core/money.hpp"
#include "platform/http/api_error.hpp"
#include "platform/http/middleware/etag.hpp"
#include "platform/realtime/data_changed.hpp"

namespace superapp::features::catalog {

namespace asio = boost::asio;
namespace json = boost::json;
using platform::core::Money;
using platform::core::to_iso8601;
using platform::http::ApiError;

namespace {

json::value optional_text(const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::array strings(const std::vector<std::string>& v) {
    json::array out;
    for (const auto& s : v) out.emplace_back(s);
    return out;
}

json::value rupees(std::int64_t paise) { return Money::from_paise(paise).to_json(); }

// Rounded to 2 decimals for display (ratings are stored so; distances are shown so).
double two_decimals(double v) { return std::round(v * 100.0) / 100.0; }

json::value list_json(std::vector<json::object> docs, const std::optional<std::string>& next, const Shape& shape) {
    json::array items;
    items.reserve(docs.size());
    for (auto& d : docs) items.push_back(project_fields(json::value(std::move(d)), shape.fields));
    return json::object{{"items", std::move(items)}, {"nextCursor", next ? json::value(*next) : json::value(nullptr)}};
}

std::shared_ptr<const CachedReply> reply_of(const json::value& doc) {
    auto reply = std::make_shared<CachedReply>();
    reply->body = platform::core::serialize(doc);
    reply->etag = platform::http::middleware::weak_etag(reply->body);
    return reply;
}

// Everything a reply depends on, as text: equal keys, equal replies.
class KeyText {
  public:
    KeyText& add(std::string_view part) {
        text_ += part;
        text_ += '\x1f';  // a separator no query text holds (the validator refuses control characters)
        return *this;
    }
    KeyText& add_list(const std::vector<std::string>& parts) {
        for (const auto& part : parts) add(part);
        return add("|");
    }
    KeyText& add_number(std::optional<double> v) {
        if (!v) return add("");
        char text[32];
        std::snprintf(text, sizeof text, "%.17g", *v);  // exact: points a metre apart are other keys
        return add(text);
    }
    KeyText& add_shape(const Shape& shape) {
        add_list(shape.fields).add(shape.expand_store ? "store" : "").add(shape.expand_category ? "category" : "");
        return add(shape.expand_parent ? "parent" : "");
    }
    std::string take() { return std::move(text_); }

  private:
    std::string text_;
};

std::string products_key(const ProductQuery& q, const Shape& shape) {
    KeyText key;
    key.add(q.q.value_or("")).add_list(q.category_ids).add(q.store_id.value_or(""));
    key.add(q.min_price_paise ? std::to_string(*q.min_price_paise) : "");
    key.add(q.max_price_paise ? std::to_string(*q.max_price_paise) : "");
    key.add_list(q.tags).add_number(q.min_rating).add(q.in_stock ? "stock" : "");
    key.add(q.featured ? (*q.featured ? "featured" : "plain") : "").add(sort_name(q.sort));
    key.add(q.after ? encode_cursor(*q.after) : "").add(std::to_string(q.limit));
    return key.add_shape(shape).take();
}

std::string stores_key(const StoreQuery& q, const Shape& shape) {
    KeyText key;
    key.add_list(q.category_ids).add(q.city.value_or(""));
    key.add(q.is_partner ? (*q.is_partner ? "partner" : "other") : "").add_number(q.min_rating);
    key.add(q.open_now ? "open" : "");
    key.add_number(q.near ? std::optional(q.near->latitude) : std::nullopt);
    key.add_number(q.near ? std::optional(q.near->longitude) : std::nullopt);
    key.add_number(q.within_km).add(sort_name(q.sort));
    key.add(q.after ? encode_cursor(*q.after) : "").add(std::to_string(q.limit));
    return key.add_shape(shape).take();
}

template <class Read>
asio::awaitable<std::shared_ptr<const CachedReply>> read_reply(const Read& read) {
    co_return reply_of(co_await read());
}

// The reply kept under `key` while it is fresh, else the document `read()` makes, kept (TtlCache::get).
template <class Read>
asio::awaitable<std::shared_ptr<const CachedReply>> kept_or_read(ReplyCache& cache, const std::string& key,
                                                                 const Read& read) {
    const auto read_and_serialize = [&read] { return read_reply(read); };
    co_return co_await cache.get(key, read_and_serialize);
}

template <class T>
std::vector<json::object> docs_of(const std::vector<T>& items, json::object (*to_json)(const T&)) {
    std::vector<json::object> docs;
    docs.reserve(items.size());
    for (const T& item : items) docs.push_back(to_json(item));
    return docs;
}

}  // namespace

json::object category_json(const Category& c) {
    return {{"_id", c.id},
            {"name", c.name},
            {"slug", c.slug},
            {"description", optional_text(c.description)},
            {"icon", optional_text(c.icon)},
            {"image", optional_text(c.image)},
            {"type", c.type},
            {"parentCategory", optional_text(c.parent_id)},
            {"isActive", c.is_active},
            {"sortOrder", c.sort_order},
            {"metadata", c.metadata.is_object() ? c.metadata : json::object()},
            {"createdAt", to_iso8601(c.created_at)},
            {"updatedAt", to_iso8601(c.updated_at)}};
}

json::object store_json(const Store& s) {
    json::object out{
        {"_id", s.id},
        {"name", s.name},
        {"description", optional_text(s.description)},
        {"logo", optional_text(s.logo)},
        {"banner", optional_text(s.banner)},
        {"category", s.category_id},
        {"owner", optional_text(s.owner_id)},
        {"location",
         {{"address", optional_text(s.address)},
          {"city", s.city},
          {"pincode", optional_text(s.pincode)},
          {"coordinates", json::array{s.longitude, s.latitude}},
          {"deliveryRadius", s.delivery_radius_km}}},
        {"contact",
         {{"phone", optional_text(s.phone)}, {"email", optional_text(s.email)}, {"website", optional_text(s.website)}}},
        {"ratings", {{"average", s.rating_average}, {"count", s.rating_count}}},
        {"offers", {{"cashback", s.cashback_percent}, {"isPartner", s.is_partner}}},
        {"operationalInfo",
         {{"hours", {{"open", s.opens_at}, {"close", s.closes_at}, {"days", strings(s.open_days)}}},
          {"deliveryTime", optional_text(s.delivery_time)},
          {"minimumOrder", rupees(s.minimum_order_paise)}}},
        {"isActive", s.is_active},
        {"createdAt", to_iso8601(s.created_at)},
        {"updatedAt", to_iso8601(s.updated_at)}};
    if (s.distance_m) {
        const double km = *s.distance_m / 1000.0;
        out["distance"] = two_decimals(km);
        out["deliversHere"] = km <= s.delivery_radius_km;
    }
    return out;
}

json::object product_json(const Product& p) {
    json::array variants;
    for (const Variant& v : p.variants) {
        variants.push_back(
            json::object{{"type", v.type}, {"value", v.value}, {"price", rupees(v.price_paise)}, {"stock", v.stock}});
    }
    return {{"_id", p.id},
            {"name", p.name},
            {"description", optional_text(p.description)},
            {"category", p.category_id},
            {"store", p.store_id},
            {"images", strings(p.images)},
            {"price",
             {{"original", rupees(p.original_paise)},
              {"selling", rupees(p.selling_paise)},
              {"discount", discount_percent(p.original_paise, p.selling_paise)}}},
            {"inventory", {{"stock", p.stock}, {"isAvailable", p.stock > 0}, {"variants", std::move(variants)}}},
            {"ratings", {{"average", p.rating_average}, {"count", p.rating_count}}},
            {"tags", strings(p.tags)},
            {"specifications", p.specifications.is_array() ? p.specifications : json::array()},
            {"isActive", p.is_active},
            {"isFeatured", p.is_featured},
            {"createdAt", to_iso8601(p.created_at)},
            {"updatedAt", to_iso8601(p.updated_at)}};
}

json::object review_json(const Review& r) {
    return {{"_id", r.id},
            {"product", r.product_id},
            {"user", r.user_id},
            {"rating", r.rating},
            {"text", optional_text(r.text)},
            {"verifiedPurchase", r.verified_purchase},
            {"createdAt", to_iso8601(r.created_at)},
            {"updatedAt", to_iso8601(r.updated_at)}};
}

// Replaces the `store` / `category` / `parentCategory` ids of the documents with the documents
// they name (null when that one is not active), in one query each.
asio::awaitable<void> CatalogService::expand(std::vector<json::object>& docs, const Shape& shape) {
    const auto ids_of = [&docs](std::string_view field) {
        std::vector<std::string> ids;
        for (const auto& d : docs) {
            if (const auto* v = d.if_contains(field); v && v->is_string()) ids.emplace_back(v->as_string());
        }
        return ids;
    };
    // Each document's `field` id becomes the document it names among `found` (null when absent).
    const auto inline_refs = [&docs](std::string_view field,
                                     const std::unordered_map<std::string, json::object>& found) {
        for (auto& d : docs) {
            if (auto* v = d.if_contains(field); v && v->is_string()) {
                auto it = found.find(std::string(v->as_string()));
                *v = it == found.end() ? json::value(nullptr) : json::value(it->second);
            }
        }
    };
    if (shape.expand_store) {
        std::unordered_map<std::string, json::object> found;
        const std::vector<Store> stores = co_await repo_.stores_by_ids(ids_of("store"));
        for (const Store& s : stores) found.emplace(s.id, store_json(s));
        inline_refs("store", found);
    }
    for (std::string_view field : {std::string_view("category"), std::string_view("parentCategory")}) {
        if (field == "category" ? !shape.expand_category : !shape.expand_parent) continue;
        std::unordered_map<std::string, json::object> found;
        const std::vector<Category> categories = co_await repo_.categories_by_ids(ids_of(field));
        for (const Category& c : categories) found.emplace(c.id, category_json(c));
        inline_refs(field, found);
    }
}

asio::awaitable<json::value> CatalogService::categories(std::optional<std::string> type, bool flat, Shape shape) {
    const std::vector<Category> all = co_await repo_.categories(std::move(type));
    std::vector<json::object> docs = docs_of(all, category_json);
    co_await expand(docs, shape);
    if (flat) co_return list_json(std::move(docs), std::nullopt, shape);

    // The tree: children under their parent in display order; a category whose parent is not
    // listed (inactive, or of another type) is left out with its branch.
    std::unordered_map<std::string, std::vector<std::size_t>> children;
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < all.size(); ++i) {
        index.emplace(all[i].id, i);
        if (all[i].parent_id) children[*all[i].parent_id].push_back(i);
    }
    const auto build = [&](const auto& self, std::size_t i, int depth) -> json::value {
        json::object doc = docs[i];
        json::array subs;
        if (depth < 8) {
            if (auto it = children.find(all[i].id); it != children.end()) {
                for (std::size_t child : it->second) subs.push_back(self(self, child, depth + 1));
            }
        }
        json::value shaped = project_fields(json::value(std::move(doc)), shape.fields);
        shaped.as_object()["subcategories"] = std::move(subs);
        return shaped;
    };
    json::array items;
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (!all[i].parent_id) items.push_back(build(build, i, 0));
    }
    co_return json::object{{"items", std::move(items)}, {"nextCursor", nullptr}};
}

asio::awaitable<std::shared_ptr<const CachedReply>> CatalogService::categories_reply(std::optional<std::string> type,
                                                                                     bool flat, Shape shape) {
    std::string key = type.value_or("") + (flat ? "|flat|" : "|tree|") + (shape.expand_parent ? "parent|" : "|");
    for (const std::string& f : shape.fields) key += f + ",";
    const auto read = [this, &type, flat, &shape] { return categories(type, flat, shape); };
    co_return co_await kept_or_read(categories_cache_, key, read);
}

void CatalogService::changed() {
    categories_cache_.invalidate();
    tree_cache_.invalidate();
    stores_cache_.invalidate();
    stock_moved();  // and every other reply that shows products
    events_.publish(platform::realtime::data_changed("catalog"));
}

void CatalogService::stock_moved() {
    search_cache_.invalidate();
    products_cache_.invalidate();
    product_cache_.invalidate();
}

asio::awaitable<json::value> CatalogService::category(std::string id_or_slug, Shape shape) {
    auto found = co_await repo_.category(id_or_slug);
    if (!found) throw ApiError::not_found("no category with this id or slug");
    json::value out = co_await shaped_one(category_json(*found), shape);
    json::array subs;
    const std::vector<Category> siblings = co_await repo_.categories(found->type);
    for (const Category& c : siblings) {
        if (c.parent_id == found->id) subs.push_back(project_fields(json::value(category_json(c)), shape.fields));
    }
    out.as_object()["subcategories"] = std::move(subs);
    co_return out;
}

asio::awaitable<std::shared_ptr<const CategoryTree>> CatalogService::category_tree() {
    const auto read = [this] { return read_category_tree(); };
    co_return co_await tree_cache_.get("", read);
}

asio::awaitable<std::shared_ptr<const CategoryTree>> CatalogService::read_category_tree() {
    const std::vector<Category> active = co_await repo_.categories(std::nullopt);
    co_return std::make_shared<const CategoryTree>(active);
}

asio::awaitable<std::vector<std::string>> CatalogService::category_subtree(std::string id_or_slug) {
    std::vector<std::string> ids = co_await category_subtree_or_none(std::move(id_or_slug));
    if (ids.empty()) throw ApiError::not_found("no category with this id or slug");
    co_return ids;
}

asio::awaitable<std::vector<std::string>> CatalogService::category_subtree_or_none(std::string id_or_slug) {
    const auto tree = co_await category_tree();
    co_return tree->subtree(id_or_slug);
}

asio::awaitable<std::vector<std::string>> CatalogService::unknown(std::vector<std::string> ids) {
    co_return co_await repo_.unknown_category_ids(ids);
}

asio::awaitable<json::value> CatalogService::shaped_list(std::vector<json::object> docs,
                                                         std::optional<std::string> next, Shape shape) {
    co_await expand(docs, shape);
    co_return list_json(std::move(docs), next, shape);
}

asio::awaitable<json::value> CatalogService::shaped_one(json::object doc, Shape shape) {
    std::vector<json::object> docs{std::move(doc)};
    co_await expand(docs, shape);
    co_return project_fields(json::value(std::move(docs[0])), shape.fields);
}

asio::awaitable<json::value> CatalogService::stores(StoreQuery query, Shape shape) {
    Page<Store> page = co_await repo_.stores(query);
    co_return co_await shaped_list(docs_of(page.items, store_json), std::move(page.next_cursor), std::move(shape));
}

asio::awaitable<std::shared_ptr<const CachedReply>> CatalogService::stores_reply(StoreQuery query, Shape shape) {
    const std::string key = stores_key(query, shape);
    const auto read = [this, &query, &shape] { return stores(query, shape); };
    co_return co_await kept_or_read(stores_cache_, key, read);
}

asio::awaitable<json::value> CatalogService::store(std::string id, Shape shape) {
    auto found = co_await repo_.store(id);
    if (!found) throw ApiError::not_found("no store with this id");
    co_return co_await shaped_one(store_json(*found), std::move(shape));
}

asio::awaitable<void> CatalogService::require_store(std::string id) {
    const std::optional<Store> found = co_await repo_.store(id);
    if (!found) throw ApiError::not_found("no store with this id");
}

asio::awaitable<std::shared_ptr<const CachedReply>> CatalogService::products_reply(ProductQuery query, Shape shape) {
    const std::string key = products_key(query, shape);
    const auto read = [this, &query, &shape] { return products(query, shape); };
    co_return co_await kept_or_read(query.q ? search_cache_ : products_cache_, key, read);
}

asio::awaitable<json::value> CatalogService::products(ProductQuery query, Shape shape) {
    Page<Product> page = co_await repo_.products(query);
    co_return co_await shaped_list(docs_of(page.items, product_json), std::move(page.next_cursor), std::move(shape));
}

asio::awaitable<json::value> CatalogService::product(std::string id, Shape shape) {
    auto found = co_await repo_.product(id);
    if (!found) throw ApiError::not_found("no product with this id");
    co_return co_await shaped_one(product_json(*found), std::move(shape));
}

asio::awaitable<std::shared_ptr<const CachedReply>> CatalogService::product_reply(std::string id, Shape shape) {
    const std::string key = KeyText().add(id).add_shape(shape).take();
    const auto read = [this, &id, &shape] { return product(id, shape); };
    co_return co_await kept_or_read(product_cache_, key, read);
}

asio::awaitable<json::value> CatalogService::reviews(ReviewQuery query, Shape shape) {
    auto product = co_await repo_.product(query.product_id);
    if (!product) throw ApiError::not_found("no product with this id");
    Page<Review> page = co_await repo_.reviews(query);
    const auto counts = co_await repo_.rating_histogram(query.product_id);
    json::value out = list_json(docs_of(page.items, review_json), page.next_cursor, shape);
    json::object histogram;
    for (std::size_t i = 0; i < counts.size(); ++i) histogram[std::to_string(i + 1)] = counts[i];
    out.as_object()["histogram"] = std::move(histogram);
    out.as_object()["ratings"] = {{"average", product->rating_average}, {"count", product->rating_count}};
    co_return out;
}

asio::awaitable<std::pair<json::value, bool>> CatalogService::add_review(std::string product_id, std::string user_id,
                                                                         int rating, std::optional<std::string> text) {
    auto written = co_await repo_.upsert_review(product_id, user_id, rating, std::move(text));
    if (!written) throw ApiError::not_found("no product with this id");
    changed();  // ratings moved
    co_return std::pair<json::value, bool>{json::value(review_json(written->review)), written->created};
}

}  // namespace superapp::features::catalog
