// Handlers of the catalog's writes: they validate the body (every bad field in one 422) and turn
// it into the columns to set.
#include <algorithm>

#include "features/catalog/handlers.hpp"
#include "platform/core/json.hpp"
#include "platform/core/object_id.hpp"
#include "platform/core/validation.hpp"
#include "platform/http/api_error.hpp"
#include "platform/http/multipart.hpp"

namespace superapp::features::catalog {

namespace asio = boost::asio;
namespace json = boost::json;
using platform::core::is_null_member;
using platform::core::StringRule;
using platform::core::Validator;
using platform::http::ApiError;
using platform::http::Request;
using platform::http::Response;
using platform::http::Role;

namespace {

// Also listed in docs/openapi.yaml (CategoryType, the store hours); change both together.
const std::initializer_list<std::string_view> kCategoryTypes = {"going_out", "home_delivery", "earn", "play"};
const std::initializer_list<std::string_view> kDays = {"monday", "tuesday",  "wednesday", "thursday",
                                                       "friday", "saturday", "sunday"};

constexpr StringRule kText{.min = 0, .max = 2000, .multiline = true};
constexpr StringRule kUrl{.min = 1, .max = 500};

Actor actor_of(const Request& req) { return {req.principal->user_id, req.principal->role == Role::admin}; }

// A text column that a null clears.
void nullable_text(Validator& v, const json::value& body, std::string_view name, StringRule rule, Changes& changes,
                   std::string_view column) {
    if (is_null_member(body, name)) {
        changes.set(column, std::nullopt);
    } else if (auto text = v.optional_string(name, rule)) {
        changes.set(column, *text);
    }
}

// A category given to a store or product: its id or its slug (resolved to the id before it is written).
constexpr StringRule kCategoryKey{.min = 1, .max = 100};

bool is_slug(std::string_view s) {
    if (s.empty() || s.size() > 100 || s.front() == '-' || s.back() == '-') return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '-' && s[i - 1] == '-') return false;
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    }
    return true;
}

// "HH:MM", 00:00 to 23:59.
bool is_hhmm(std::string_view s) {
    if (s.size() != 5 || s[2] != ':') return false;
    for (int i : {0, 1, 3, 4}) {
        if (s[i] < '0' || s[i] > '9') return false;
    }
    return (s[0] - '0') * 10 + (s[1] - '0') < 24 && s[3] < '6';
}

void metadata(Validator& v, const json::value& body, Changes& changes) {
    const json::object* object = body.is_object() ? &body.as_object() : nullptr;
    const json::value* value = object ? object->if_contains("metadata") : nullptr;
    if (!value) return;
    if (!value->is_object()) {
        v.fail("metadata", "must be an object");
        return;
    }
    if (json::serialize(*value).size() > 4000) {
        v.fail("metadata", "must be at most 4000 characters as JSON");
        return;
    }
    changes.set("metadata", *value);
}

// ---- categories ----

struct CategoryInput {
    Changes changes;
    std::optional<std::optional<std::string>> parent;
    std::optional<std::string> type;
};

CategoryInput read_category(const Request& req, bool create) {
    Validator v(req.json);
    CategoryInput in;
    Changes& c = in.changes;
    constexpr StringRule kName{.min = 1, .max = 100};
    if (auto name = create ? std::optional(v.required_string("name", kName)) : v.optional_string("name", kName)) {
        if (v.ok() || !name->empty()) c.set("name", *name);
    }
    auto slug = create ? std::optional(v.required_string("slug", {.min = 1, .max = 100}))
                       : v.optional_string("slug", {.min = 1, .max = 100});
    if (slug && !slug->empty()) {
        if (!is_slug(*slug)) {
            v.fail("slug", "must be lowercase letters and digits in words joined by single hyphens");
        } else if (platform::core::ObjectId::parse(*slug)) {
            // Paths and filters take an id or a slug: this one would read as (and shadow) an id.
            v.fail("slug", "must not be 24 hex digits: that is how a category id reads");
        } else {
            c.set("slug", *slug);
        }
    }
    auto type =
        create ? std::optional(v.required_enum("type", kCategoryTypes)) : v.optional_enum("type", kCategoryTypes);
    if (type && !type->empty()) {
        c.set("type", *type);
        in.type = *type;
    }
    nullable_text(v, req.json, "description", kText, c, "description");
    nullable_text(v, req.json, "icon", kUrl, c, "icon");
    nullable_text(v, req.json, "image", kUrl, c, "image");
    if (auto order = v.optional_int("sortOrder", -1'000'000, 1'000'000)) c.set("sort_order", *order);
    if (auto active = v.optional_bool("isActive")) c.set("is_active", *active);
    metadata(v, req.json, c);
    if (is_null_member(req.json, "parentCategory")) {
        if (!create) in.parent = std::optional<std::string>();
    } else if (auto parent = v.optional_object_id("parentCategory")) {
        in.parent = parent->to_string();
    }
    v.finish();
    return in;
}

asio::awaitable<Response> create_category(CatalogService& catalog, Request& req) {
    CategoryInput in = read_category(req, true);
    std::optional<std::string> parent;
    if (in.parent) parent = *in.parent;
    const json::value body =
        co_await catalog.create_category(std::move(in.changes), std::move(parent), std::move(*in.type));
    co_return Response::private_json(body, 201);
}

// A category is named by its id or its slug.
std::string category_key(const Request& req) {
    const std::string_view key = req.param("slug");
    if (key.empty() || key.size() > 100) throw ApiError::not_found("no category with this id or slug");
    return std::string(key);
}

asio::awaitable<Response> update_category(CatalogService& catalog, Request& req) {
    const std::string key = category_key(req);
    CategoryInput in = read_category(req, false);
    const json::value body =
        co_await catalog.update_category(key, std::move(in.changes), std::move(in.parent), std::move(in.type));
    co_return Response::private_json(body);
}

asio::awaitable<Response> delete_category(CatalogService& catalog, Request& req) {
    const std::string key = category_key(req);
    co_await catalog.deactivate_category(key);
    co_return Response::no_content();
}

// ---- stores ----

struct StoreInput {
    Changes changes;
    std::optional<std::string> category, owner;
};

StoreInput read_store(const Request& req, bool create, const OfferLimits& limits) {
    Validator v(req.json);
    StoreInput in;
    Changes& c = in.changes;
    const json::value& body = req.json;
    constexpr StringRule kName{.min = 1, .max = 120};
    constexpr StringRule kCity{.min = 1, .max = 100};
    if (auto name = create ? std::optional(v.required_string("name", kName)) : v.optional_string("name", kName)) {
        if (!name->empty()) c.set("name", *name);
    }
    nullable_text(v, body, "description", kText, c, "description");
    in.category = create ? std::optional(v.required_string("category", kCategoryKey))
                         : v.optional_string("category", kCategoryKey);
    if (auto owner = v.optional_object_id("owner")) in.owner = owner->to_string();
    nullable_text(v, body, "location.address", {.min = 1, .max = 200}, c, "address");
    if (auto city = create ? std::optional(v.required_string("location.city", kCity))
                           : v.optional_string("location.city", kCity)) {
        if (!city->empty()) c.set("city", *city);
    }
    if (is_null_member(body, "location.pincode")) {
        c.set("pincode", std::nullopt);
    } else if (auto pincode = v.optional_pincode("location.pincode")) {
        c.set("pincode", *pincode);
    }
    if (auto at = create ? std::optional(v.required_coordinates("location.coordinates"))
                         : v.optional_coordinates("location.coordinates")) {
        c.set("latitude", at->latitude);
        c.set("longitude", at->longitude);
    }
    if (auto radius = v.optional_number("location.deliveryRadius", 0, 100)) c.set("delivery_radius_km", *radius);
    if (is_null_member(body, "contact.phone")) {
        c.set("phone", std::nullopt);
    } else if (auto phone = v.optional_phone("contact.phone")) {
        c.set("phone", *phone);
    }
    if (is_null_member(body, "contact.email")) {
        c.set("email", std::nullopt);
    } else if (auto email = v.optional_email("contact.email")) {
        c.set("email", *email);
    }
    nullable_text(v, body, "contact.website", kUrl, c, "website");
    if (auto cashback = v.optional_number("offers.cashback", 0, 100)) {
        if (auto refused = cashback_refusal(*cashback, req.principal->role == Role::admin, limits)) {
            v.fail("offers.cashback", std::move(*refused));
        } else {
            c.set("cashback_percent", *cashback);
        }
    }
    if (auto partner = v.optional_bool("offers.isPartner")) {
        if (req.principal->role == Role::admin) {
            c.set("is_partner", *partner);
        } else {
            v.fail("offers.isPartner", "only an admin makes a store a partner");
        }
    }
    for (auto [field, column] :
         {std::pair{"operationalInfo.hours.open", "opens_at"}, std::pair{"operationalInfo.hours.close", "closes_at"}}) {
        if (auto at = v.optional_string(field, {.min = 1, .max = 5})) {
            if (is_hhmm(*at)) {
                c.set(column, *at, "::time");
            } else {
                v.fail(field, "must be a time HH:MM");
            }
        }
    }
    if (auto days =
            v.optional_string_array("operationalInfo.hours.days",
                                    {.min_items = 1, .max_items = 7, .item = {.min = 1, .max = 10}, .unique = true})) {
        bool good = true;
        for (const auto& d : *days) good = good && std::find(kDays.begin(), kDays.end(), d) != kDays.end();
        if (good) {
            c.set("open_days", *days);
        } else {
            v.fail("operationalInfo.hours.days", "must name days monday to sunday");
        }
    }
    nullable_text(v, body, "operationalInfo.deliveryTime", {.min = 1, .max = 50}, c, "delivery_time");
    if (auto minimum = v.optional_money("operationalInfo.minimumOrder")) c.set("minimum_order_paise", minimum->paise());
    if (auto active = v.optional_bool("isActive")) c.set("is_active", *active);  // true re-activates
    v.finish();
    return in;
}

asio::awaitable<Response> create_store(CatalogService& catalog, Request& req) {
    StoreInput in = read_store(req, true, catalog.offer_limits());
    const json::value body =
        co_await catalog.create_store(actor_of(req), std::move(in.changes), *in.category, std::move(in.owner));
    co_return Response::private_json(body, 201);
}

asio::awaitable<Response> update_store(CatalogService& catalog, Request& req) {
    const std::string id = path_id(req, "store");
    StoreInput in = read_store(req, false, catalog.offer_limits());
    if (in.owner) throw ApiError::invalid_field("owner", "is changed with PUT /admin/stores/:id/owner");
    const json::value body =
        co_await catalog.update_store(actor_of(req), id, std::move(in.changes), std::move(in.category));
    co_return Response::private_json(body);
}

asio::awaitable<Response> delete_store(CatalogService& catalog, Request& req) {
    const std::string id = path_id(req, "store");
    co_await catalog.deactivate_store(actor_of(req), id);
    co_return Response::no_content();
}

asio::awaitable<Response> assign_owner(CatalogService& catalog, Request& req) {
    const std::string id = path_id(req, "store");
    Validator v(req.json);
    const auto owner = v.required_object_id("owner");
    v.finish();
    const json::value body = co_await catalog.assign_store_owner(id, owner.to_string());
    co_return Response::private_json(body);
}

// ---- products ----

struct ProductInput {
    Changes changes;
    std::optional<std::string> store, category;
    std::optional<std::int64_t> original, selling;
    std::optional<std::vector<Variant>> variants;
};

std::vector<Variant> read_variants(Validator& v, std::string_view name, bool with_price) {
    std::vector<Variant> out;
    auto items = v.optional_array(name, {.max_items = 50});
    for (auto& item : items) {
        Variant variant;
        variant.type = item.required_string("type", {.min = 1, .max = 30});
        variant.value = item.required_string("value", {.min = 1, .max = 60});
        if (with_price) {
            if (auto price = item.optional_money("price", {.min = platform::core::Money::from_paise(1)})) {
                variant.price_paise = price->paise();
            }
            variant.stock = item.optional_int("stock", 0, 1'000'000'000).value_or(0);
        } else {
            variant.stock = item.required_int("stock", 0, 1'000'000'000);
        }
        out.push_back(std::move(variant));
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (out[i].type == out[j].type && out[i].value == out[j].value) {
                v.fail(std::string(name) + "[" + std::to_string(i) + "]",
                       "repeats an earlier variant's type and value");
                break;
            }
        }
    }
    return out;
}

// `price.discount` is derived from the two prices and ignored when sent.
ProductInput read_product(const Request& req, bool create) {
    Validator v(req.json);
    ProductInput in;
    Changes& c = in.changes;
    constexpr StringRule kName{.min = 1, .max = 200};
    constexpr platform::core::MoneyRule kPrice{.min = platform::core::Money::from_paise(1)};
    if (auto name = create ? std::optional(v.required_string("name", kName)) : v.optional_string("name", kName)) {
        if (!name->empty()) c.set("name", *name);
    }
    nullable_text(v, req.json, "description", {.min = 0, .max = 5000, .multiline = true}, c, "description");
    if (create) {
        in.store = v.required_object_id("store").to_string();
    } else if (v.has("store")) {
        v.fail("store", "cannot change: a product stays in its store");
    }
    in.category = create ? std::optional(v.required_string("category", kCategoryKey))
                         : v.optional_string("category", kCategoryKey);
    if (auto original = create ? std::optional(v.required_money("price.original", kPrice))
                               : v.optional_money("price.original", kPrice)) {
        in.original = original->paise();
    }
    if (auto selling = create ? std::optional(v.required_money("price.selling", kPrice))
                              : v.optional_money("price.selling", kPrice)) {
        in.selling = selling->paise();
    }
    if (in.original && in.selling && *in.selling > *in.original) {
        v.fail("price.selling", "must not be above price.original");
    }
    if (auto stock = v.optional_int("inventory.stock", 0, 1'000'000'000)) c.set("stock", *stock);
    if (create || v.has("inventory.variants")) in.variants = read_variants(v, "inventory.variants", true);
    if (auto tags = v.optional_string_array("tags", {.max_items = 30, .item = {.min = 1, .max = 40}, .unique = true})) {
        c.set("tags", *tags);
    }
    const json::object* body = req.json.is_object() ? &req.json.as_object() : nullptr;
    if (const json::value* specs = body ? body->if_contains("specifications") : nullptr) {
        bool good = specs->is_array() && specs->as_array().size() <= 50;
        if (good) {
            for (const auto& s : specs->as_array()) {
                const json::object* o = s.if_object();
                good = good && o && o->size() == 2 && o->contains("key") && o->contains("value") &&
                       o->at("key").is_string() && o->at("value").is_string();
            }
        }
        if (good) {
            c.set("specifications", *specs);
        } else {
            v.fail("specifications", "must be at most 50 objects {key, value} of strings");
        }
    }
    if (auto featured = v.optional_bool("isFeatured")) {
        if (req.principal->role == Role::admin) {
            c.set("is_featured", *featured);
        } else {
            v.fail("isFeatured", "only an admin features a product");
        }
    }
    if (auto active = v.optional_bool("isActive")) c.set("is_active", *active);  // true re-activates
    v.finish();
    return in;
}

asio::awaitable<Response> create_product(CatalogService& catalog, Request& req) {
    ProductInput in = read_product(req, true);
    const json::value body =
        co_await catalog.create_product(actor_of(req), std::move(in.changes), *in.store, *in.category, *in.original,
                                        *in.selling, std::move(*in.variants));
    co_return Response::private_json(body, 201);
}

asio::awaitable<Response> update_product(CatalogService& catalog, Request& req) {
    const std::string id = path_id(req, "product");
    ProductInput in = read_product(req, false);
    const json::value body =
        co_await catalog.update_product(actor_of(req), id, std::move(in.changes), std::move(in.category), in.original,
                                        in.selling, std::move(in.variants));
    co_return Response::private_json(body);
}

asio::awaitable<Response> delete_product(CatalogService& catalog, Request& req) {
    const std::string id = path_id(req, "product");
    co_await catalog.deactivate_product(actor_of(req), id);
    co_return Response::no_content();
}

asio::awaitable<Response> set_stock(CatalogService& catalog, Request& req) {
    const std::string id = path_id(req, "product");
    Validator v(req.json);
    const auto stock = v.optional_int("stock", 0, 1'000'000'000);
    std::vector<Variant> variants = read_variants(v, "variants", false);
    if (!stock && variants.empty() && v.ok()) v.fail("stock", "give stock, variants or both");
    v.finish();
    const json::value body = co_await catalog.set_stock(actor_of(req), id, stock, std::move(variants));
    co_return Response::private_json(body);
}

// ---- images (multipart/form-data, as the avatar upload) ----

std::vector<platform::http::multipart::Part> form_parts(const Request& req, std::size_t max_total) {
    return platform::http::multipart::parse_form_data(
        req.header("Content-Type"), req.body,
        {.max_parts = 12, .max_header_bytes = 8 * 1024, .max_total_bytes = max_total});
}

asio::awaitable<Response> store_image(CatalogService& catalog, Request& req, std::string field) {
    const std::string id = path_id(req, "store");
    auto parts = form_parts(req, kMaxStoreImageRequestBytes);
    platform::http::multipart::Part* image = nullptr;
    for (auto& part : parts) {
        if (part.name != field) continue;
        if (image) throw ApiError::invalid_field(field, "must be sent once");
        image = &part;
    }
    if (!image) throw ApiError::invalid_field(field, "is required: send the image as a file field named " + field);
    if (image->data.size() > kMaxCatalogImageBytes) {
        throw ApiError(413, "PAYLOAD_TOO_LARGE", field + " must be at most 5 MiB");
    }
    const json::value body = co_await catalog.set_store_image(actor_of(req), id, field, std::move(image->data));
    co_return Response::private_json(body);
}

asio::awaitable<Response> store_logo(CatalogService& catalog, Request& req) {
    return store_image(catalog, req, "logo");
}
asio::awaitable<Response> store_banner(CatalogService& catalog, Request& req) {
    return store_image(catalog, req, "banner");
}

asio::awaitable<Response> product_images(CatalogService& catalog, Request& req) {
    const std::string id = path_id(req, "product");
    auto parts = form_parts(req, kMaxProductImagesRequestBytes);
    std::vector<std::string> images;
    for (auto& part : parts) {
        if (part.name != "images") continue;
        if (part.data.size() > kMaxCatalogImageBytes) {
            throw ApiError(413, "PAYLOAD_TOO_LARGE", "each image must be at most 5 MiB");
        }
        images.push_back(std::move(part.data));
    }
    if (images.empty())
        throw ApiError::invalid_field("images", "is required: send each image as a file field named images");
    if (images.size() > kMaxProductImagesPerRequest) {
        throw ApiError::invalid_field("images",
                                      "at most " + std::to_string(kMaxProductImagesPerRequest) + " at a time");
    }
    const json::value body = co_await catalog.add_product_images(actor_of(req), id, std::move(images));
    co_return Response::private_json(body);
}

asio::awaitable<Response> remove_product_image(CatalogService& catalog, Request& req) {
    const std::string id = path_id(req, "product");
    const json::value body = co_await catalog.remove_product_image(actor_of(req), id, std::string(req.param("image")));
    co_return Response::private_json(body);
}

asio::awaitable<Response> reorder_product_images(CatalogService& catalog, Request& req) {
    const std::string id = path_id(req, "product");
    Validator v(req.json);
    auto order = v.required_string_array("images", {.max_items = kMaxProductImages, .item = {.min = 1, .max = 500}});
    v.finish();
    const json::value body = co_await catalog.reorder_product_images(actor_of(req), id, std::move(order));
    co_return Response::private_json(body);
}

}  // namespace

Handler handle_remove_product_image(CatalogService& c) {
    return [&c](Request& req) { return remove_product_image(c, req); };
}
Handler handle_reorder_product_images(CatalogService& c) {
    return [&c](Request& req) { return reorder_product_images(c, req); };
}
Handler handle_store_logo(CatalogService& c) {
    return [&c](Request& req) { return store_logo(c, req); };
}
Handler handle_store_banner(CatalogService& c) {
    return [&c](Request& req) { return store_banner(c, req); };
}
Handler handle_product_images(CatalogService& c) {
    return [&c](Request& req) { return product_images(c, req); };
}
Handler handle_create_product(CatalogService& c) {
    return [&c](Request& req) { return create_product(c, req); };
}
Handler handle_update_product(CatalogService& c) {
    return [&c](Request& req) { return update_product(c, req); };
}
Handler handle_delete_product(CatalogService& c) {
    return [&c](Request& req) { return delete_product(c, req); };
}
Handler handle_set_stock(CatalogService& c) {
    return [&c](Request& req) { return set_stock(c, req); };
}
Handler handle_create_category(CatalogService& c) {
    return [&c](Request& req) { return create_category(c, req); };
}
Handler handle_update_category(CatalogService& c) {
    return [&c](Request& req) { return update_category(c, req); };
}
Handler handle_delete_category(CatalogService& c) {
    return [&c](Request& req) { return delete_category(c, req); };
}
Handler handle_create_store(CatalogService& c) {
    return [&c](Request& req) { return create_store(c, req); };
}
Handler handle_update_store(CatalogService& c) {
    return [&c](Request& req) { return update_store(c, req); };
}
Handler handle_delete_store(CatalogService& c) {
    return [&c](Request& req) { return delete_store(c, req); };
}
Handler handle_assign_store_owner(CatalogService& c) {
    return [&c](Request& req) { return assign_owner(c, req); };
}

}  // namespace superapp::features::catalog
