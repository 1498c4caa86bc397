#include "features/catalog/handlers.hpp"

#include <algorithm>

#include "platform/core/validation.hpp"
#include "platform/http/api_error.hpp"

namespace superapp::features::catalog {

namespace asio = boost::asio;
namespace json = boost::json;
using platform::core::QueryValidator;
using platform::core::Validator;
using platform::http::ApiError;
using platform::http::Request;
using platform::http::Response;

namespace {

// The choices below are also listed in docs/openapi.yaml (catalog parameters); change both together.
const std::initializer_list<std::string_view> kCategoryTypes = {"going_out", "home_delivery", "earn", "play"};
const std::initializer_list<std::string_view> kProductSorts = {"relevance", "price_asc", "price_desc",
                                                               "rating",    "newest",    "popularity"};
const std::initializer_list<std::string_view> kStoreSorts = {"rating", "name", "distance"};
const std::initializer_list<std::string_view> kReviewSorts = {"newest", "highest", "lowest"};

Response public_json(const json::value& body, int max_age_seconds, unsigned status = 200) {
    Response res = Response::json(body, status);
    res.headers.set("Cache-Control", "public, max-age=" + std::to_string(max_age_seconds));
    return res;
}

Response public_reply(const CachedReply& reply, int max_age_seconds) {
    Response res = Response::text(reply.body, platform::http::kJsonType);
    res.headers.set("Cache-Control", "public, max-age=" + std::to_string(max_age_seconds));
    res.headers.set("ETag", reply.etag);
    return res;
}

// "name", "price.selling": dot-separated identifiers, at most four deep.
bool is_field_path(std::string_view f) {
    int depth = 1;
    bool at_start = true;
    for (char c : f) {
        const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
        if (c == '.') {
            if (at_start || ++depth > 4) return false;
            at_start = true;
        } else if (letter || (!at_start && c >= '0' && c <= '9')) {
            at_start = false;
        } else {
            return false;
        }
    }
    return !at_start;
}

// ?fields= and ?expand= (only the given expansions are allowed on this route).
Shape read_shape(QueryValidator& v, std::initializer_list<std::string_view> expansions) {
    Shape shape;
    if (auto fields = v.optional_string_array("fields", {.max_items = 40, .item = {.min = 1, .max = 60}})) {
        for (const auto& f : *fields) {
            if (is_field_path(f)) {
                shape.fields.push_back(f);
            } else {
                v.fail("fields", "must be a comma-separated list of field names such as name,price.selling");
                break;
            }
        }
    }
    if (auto wanted = v.optional_string_array("expand", {.max_items = 5, .item = {.min = 1, .max = 30}})) {
        for (const auto& e : *wanted) {
            if (std::find(expansions.begin(), expansions.end(), e) == expansions.end()) {
                std::string allowed;
                for (auto a : expansions) allowed += (allowed.empty() ? "" : ", ") + std::string(a);
                v.fail("expand", allowed.empty() ? "is not supported here" : "may name only: " + allowed);
                break;
            }
            if (e == "store") shape.expand_store = true;
            if (e == "category") shape.expand_category = true;
            if (e == "parentCategory") shape.expand_parent = true;
        }
    }
    return shape;
}

int read_limit(QueryValidator& v) { return static_cast<int>(v.optional_int("limit", 1, 100).value_or(20)); }

std::optional<Cursor> read_cursor(QueryValidator& v) {
    auto text = v.optional_string("cursor", {.min = 1, .max = 400});
    if (!text) return std::nullopt;
    auto cursor = decode_cursor(*text);
    if (!cursor) v.fail("cursor", "is not a cursor from this list: pass nextCursor as it came");
    return cursor;
}

ProductSort product_sort(std::string_view s) {
    if (s == "relevance") return ProductSort::relevance;
    if (s == "price_asc") return ProductSort::price_asc;
    if (s == "price_desc") return ProductSort::price_desc;
    if (s == "rating") return ProductSort::rating;
    if (s == "popularity") return ProductSort::popularity;
    return ProductSort::newest;
}

// Product filters except the category, which the caller resolves (a path or a query parameter).
ProductQuery read_product_query(QueryValidator& v) {
    ProductQuery q;
    if (auto store = v.optional_object_id("store")) q.store_id = store->to_string();
    if (auto min = v.optional_money("minPrice")) q.min_price_paise = min->paise();
    if (auto max = v.optional_money("maxPrice")) q.max_price_paise = max->paise();
    if (q.min_price_paise && q.max_price_paise && *q.min_price_paise > *q.max_price_paise) {
        v.fail("maxPrice", "must not be below minPrice");
    }
    if (auto tags = v.optional_string_array("tags", {.max_items = 10, .item = {.min = 1, .max = 40}})) q.tags = *tags;
    q.min_rating = v.optional_number("minRating", 0, 5);
    q.in_stock = v.optional_bool("inStock").value_or(false);
    q.featured = v.optional_bool("featured");
    q.q = v.optional_string("q", {.min = 1, .max = 100});
    const auto sort = v.optional_enum("sort", kProductSorts);
    q.sort = sort ? product_sort(*sort) : (q.q ? ProductSort::relevance : ProductSort::newest);
    q.limit = read_limit(v);
    q.after = read_cursor(v);
    return q;
}

StoreQuery read_store_query(QueryValidator& v, bool nearby) {
    StoreQuery q;
    q.city = v.optional_string("city", {.min = 1, .max = 100});
    q.is_partner = v.optional_bool("isPartner");
    q.min_rating = v.optional_number("minRating", 0, 5);
    q.open_now = v.optional_enum("open", {"now"}).has_value();
    const auto lat = nearby ? std::optional(v.required_number("lat", -90, 90)) : v.optional_number("lat", -90, 90);
    const auto lng = nearby ? std::optional(v.required_number("lng", -180, 180)) : v.optional_number("lng", -180, 180);
    if (lat.has_value() != lng.has_value())
        v.fail(lat ? "lng" : "lat", "must be given together with the other coordinate");
    if (lat && lng) q.near = Point{*lat, *lng};
    if (nearby) {
        q.within_km = v.optional_number("radius", 0.1, 50).value_or(5);
        q.sort = StoreSort::distance;
    } else {
        const auto sort = v.optional_enum("sort", kStoreSorts);
        if (sort == "distance" && !q.near) v.fail("sort", "distance needs lat and lng");
        q.sort = sort == "name" ? StoreSort::name : sort == "distance" ? StoreSort::distance : StoreSort::rating;
        if (!sort && q.near) q.sort = StoreSort::distance;
    }
    q.limit = read_limit(v);
    q.after = read_cursor(v);
    return q;
}

json::value empty_page() { return json::object{{"items", json::array()}, {"nextCursor", nullptr}}; }

asio::awaitable<Response> list_categories(CatalogService& catalog, Request& req) {
    QueryValidator v(req.query);
    auto type = v.optional_enum("type", kCategoryTypes);
    const bool flat = v.optional_bool("flat").value_or(false);
    Shape shape = read_shape(v, {"parentCategory"});
    v.finish();
    const auto reply = co_await catalog.categories_reply(std::move(type), flat, std::move(shape));
    co_return public_reply(*reply, 300);
}

asio::awaitable<Response> get_category(CatalogService& catalog, Request& req) {
    QueryValidator v(req.query);
    Shape shape = read_shape(v, {"parentCategory"});
    v.finish();
    co_return public_json(co_await catalog.category(std::string(req.param("slug")), std::move(shape)), 300);
}

asio::awaitable<Response> category_products(CatalogService& catalog, Request& req) {
    QueryValidator v(req.query);
    ProductQuery q = read_product_query(v);
    Shape shape = read_shape(v, {"store", "category"});
    v.finish();
    q.category_ids = co_await catalog.category_subtree(std::string(req.param("slug")));
    const auto reply = co_await catalog.products_reply(std::move(q), std::move(shape));
    co_return public_reply(*reply, 30);
}

asio::awaitable<Response> category_stores(CatalogService& catalog, Request& req) {
    QueryValidator v(req.query);
    StoreQuery q = read_store_query(v, false);
    Shape shape = read_shape(v, {"category"});
    v.finish();
    q.category_ids = co_await catalog.category_subtree(std::string(req.param("slug")));
    const auto reply = co_await catalog.stores_reply(std::move(q), std::move(shape));
    co_return public_reply(*reply, 30);
}

// GET /stores and GET /stores/nearby: the same query, where nearby requires lat and lng.
asio::awaitable<Response> stores_page(CatalogService& catalog, Request& req, bool nearby) {
    QueryValidator v(req.query);
    StoreQuery q = read_store_query(v, nearby);
    auto category = v.optional_string("category", {.min = 1, .max = 100});
    Shape shape = read_shape(v, {"category"});
    v.finish();
    if (category) {
        q.category_ids = co_await catalog.category_subtree_or_none(*category);
        if (q.category_ids.empty()) co_return public_json(empty_page(), 30);
    }
    const auto reply = co_await catalog.stores_reply(std::move(q), std::move(shape));
    co_return public_reply(*reply, 30);
}

// A page of products; `category` (an id or slug) narrows it to that category's subtree, and one that
// names no active category gives an empty page.
asio::awaitable<Response> products_page(CatalogService& catalog, ProductQuery q, std::optional<std::string> category,
                                        Shape shape) {
    if (category) {
        q.category_ids = co_await catalog.category_subtree_or_none(*category);
        if (q.category_ids.empty()) co_return public_json(empty_page(), 30);
    }
    const auto reply = co_await catalog.products_reply(std::move(q), std::move(shape));
    co_return public_reply(*reply, 30);
}

asio::awaitable<Response> get_store(CatalogService& catalog, Request& req) {
    const std::string id = path_id(req, "store");
    QueryValidator v(req.query);
    Shape shape = read_shape(v, {"category"});
    v.finish();
    co_return public_json(co_await catalog.store(id, std::move(shape)), 30);
}

asio::awaitable<Response> store_products(CatalogService& catalog, Request& req) {
    const std::string id = path_id(req, "store");
    QueryValidator v(req.query);
    ProductQuery q = read_product_query(v);
    auto category = v.optional_string("category", {.min = 1, .max = 100});
    Shape shape = read_shape(v, {"store", "category"});
    v.finish();
    co_await catalog.require_store(id);
    q.store_id = id;
    co_return co_await products_page(catalog, std::move(q), std::move(category), std::move(shape));
}

asio::awaitable<Response> list_products(CatalogService& catalog, Request& req) {
    QueryValidator v(req.query);
    ProductQuery q = read_product_query(v);
    auto category = v.optional_string("category", {.min = 1, .max = 100});
    Shape shape = read_shape(v, {"store", "category"});
    v.finish();
    co_return co_await products_page(catalog, std::move(q), std::move(category), std::move(shape));
}

asio::awaitable<Response> get_product(CatalogService& catalog, Request& req) {
    const std::string id = path_id(req, "product");
    QueryValidator v(req.query);
    Shape shape = read_shape(v, {"store", "category"});
    v.finish();
    const auto reply = co_await catalog.product_reply(id, std::move(shape));
    co_return public_reply(*reply, 30);
}

asio::awaitable<Response> list_reviews(CatalogService& catalog, Request& req) {
    ReviewQuery q;
    q.product_id = path_id(req, "product");
    QueryValidator v(req.query);
    const auto sort = v.optional_enum("sort", kReviewSorts);
    q.sort = sort == "highest" ? ReviewSort::highest : sort == "lowest" ? ReviewSort::lowest : ReviewSort::newest;
    q.limit = read_limit(v);
    q.after = read_cursor(v);
    Shape shape = read_shape(v, {});
    v.finish();
    co_return public_json(co_await catalog.reviews(std::move(q), std::move(shape)), 10);
}

asio::awaitable<Response> add_review(CatalogService& catalog, Request& req) {
    const std::string id = path_id(req, "product");
    Validator v(req.json);
    const int rating = static_cast<int>(v.required_int("rating", 1, 5));
    auto text = v.optional_string("text", {.min = 0, .max = 2000, .multiline = true});
    v.finish();
    auto [review, created] = co_await catalog.add_review(id, req.principal->user_id, rating, std::move(text));
    co_return Response::private_json(review, created ? 201 : 200);
}

}  // namespace

std::string path_id(const Request& req, std::string_view what, std::string_view param) {
    auto id = platform::core::ObjectId::parse(req.param(param));
    if (!id) throw ApiError::not_found("no " + std::string(what) + " with this id");
    return id->to_string();
}

Handler handle_list_categories(CatalogService& c) {
    return [&c](Request& req) { return list_categories(c, req); };
}
Handler handle_get_category(CatalogService& c) {
    return [&c](Request& req) { return get_category(c, req); };
}
Handler handle_category_products(CatalogService& c) {
    return [&c](Request& req) { return category_products(c, req); };
}
Handler handle_category_stores(CatalogService& c) {
    return [&c](Request& req) { return category_stores(c, req); };
}
Handler handle_list_stores(CatalogService& c) {
    return [&c](Request& req) { return stores_page(c, req, false); };
}
Handler handle_nearby_stores(CatalogService& c) {
    return [&c](Request& req) { return stores_page(c, req, true); };
}
Handler handle_get_store(CatalogService& c) {
    return [&c](Request& req) { return get_store(c, req); };
}
Handler handle_store_products(CatalogService& c) {
    return [&c](Request& req) { return store_products(c, req); };
}
Handler handle_list_products(CatalogService& c) {
    return [&c](Request& req) { return list_products(c, req); };
}
Handler handle_get_product(CatalogService& c) {
    return [&c](Request& req) { return get_product(c, req); };
}
Handler handle_list_reviews(CatalogService& c) {
    return [&c](Request& req) { return list_reviews(c, req); };
}
Handler handle_add_review(CatalogService& c) {
    return [&c](Request& req) { return add_review(c, req); };
}

}  // namespace superapp::features::catalog
