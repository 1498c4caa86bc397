// The catalog's writes: categories (admins), stores and products (admins, and merchants on
// their own).
#include <algorithm>
#include <boost/json/object.hpp>

#include "features/catalog/service.hpp"
#include "platform/core/object_id.hpp"
#include "platform/db/error.hpp"
#include "platform/http/api_error.hpp"

namespace superapp::features::catalog {

namespace asio = boost::asio;
namespace json = boost::json;
using platform::db::DbError;
using platform::http::ApiError;

namespace {

ApiError slug_taken() {
    return ApiError::conflict("another category has this slug", "SLUG_TAKEN", {{"slug", "is taken"}});
}

ApiError images_changed() {
    return ApiError::conflict("the product's images changed meanwhile; read the product and try again");
}

// The position of `image` among `images`: its URL, the stored file name the URL ends in, or (when
// `by_position`) its position from 0 as digits.
std::optional<std::size_t> image_position(const std::vector<std::string>& images, std::string_view image,
                                          bool by_position) {
    if (by_position && !image.empty() && image.size() <= 2 &&
        std::all_of(image.begin(), image.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        const std::size_t at = std::stoul(std::string(image));
        if (at < images.size()) return at;
        return std::nullopt;
    }
    for (std::size_t i = 0; i < images.size(); ++i) {
        if (images[i] == image || media::MediaService::name_in_url(images[i]) == image) return i;
    }
    return std::nullopt;
}

}  // namespace

asio::awaitable<std::string> CatalogService::resolve_category(std::string id_or_slug, std::string field) {
    const auto found = co_await repo_.category(id_or_slug);
    if (!found) throw ApiError::invalid_field(field, "is not an active category (give its id or slug)");
    co_return found->id;
}

asio::awaitable<json::value> CatalogService::create_category(Changes changes, std::optional<std::string> parent,
                                                             std::string type) {
    changes.set("id", platform::core::ObjectId::generate().to_string());
    co_return co_await save_category(std::nullopt, std::move(changes), std::move(parent), std::move(type));
}

asio::awaitable<json::value> CatalogService::update_category(std::string id_or_slug, Changes changes,
                                                             std::optional<std::optional<std::string>> parent,
                                                             std::optional<std::string> type) {
    co_return co_await save_category(std::move(id_or_slug), std::move(changes), std::move(parent), std::move(type));
}

asio::awaitable<json::value> CatalogService::save_category(std::optional<std::string> id_or_slug, Changes changes,
                                                           std::optional<std::optional<std::string>> parent,
                                                           std::optional<std::string> type) {
    std::optional<Category> saved;
    try {
        saved =
            co_await repo_.save_category(std::move(id_or_slug), std::move(changes), std::move(parent), std::move(type));
    } catch (const DbError& e) {
        if (e.unique_violation()) throw slug_taken();
        throw;
    }
    changed();
    co_return category_json(*saved);
}

asio::awaitable<void> CatalogService::deactivate_category(std::string id_or_slug) {
    const bool found = co_await repo_.deactivate_category(id_or_slug);
    if (!found) throw ApiError::not_found("no category with this id or slug");
    changed();
}

asio::awaitable<Store> CatalogService::owned_store(const Actor& actor, const std::string& id, bool any_state) {
    std::optional<Store> store;
    if (any_state) {
        store = co_await repo_.store_any(id);
    } else {
        store = co_await repo_.store(id);
    }
    if (!store) throw ApiError::not_found("no store with this id");
    if (!actor.admin && store->owner_id != actor.user_id) throw ApiError::forbidden("this store is not yours");
    co_return std::move(*store);
}

asio::awaitable<json::value> CatalogService::create_store(Actor actor, Changes changes, std::string category,
                                                          std::optional<std::string> owner_id) {
    changes.set("category_id", co_await resolve_category(std::move(category), "category"));
    if (!actor.admin) {
        if (owner_id && *owner_id != actor.user_id) throw ApiError::forbidden("a merchant creates stores of their own");
        owner_id = actor.user_id;
    } else if (owner_id) {
        const auto role = co_await repo_.user_role(*owner_id);
        if (role != "merchant" && role != "admin") throw ApiError::invalid_field("owner", "is not a merchant");
    }
    if (owner_id) changes.set("owner_id", *owner_id);
    changes.set("id", platform::core::ObjectId::generate().to_string());
    const Store store = co_await repo_.insert_store(std::move(changes));
    changed();
    co_return store_json(store);
}

asio::awaitable<json::value> CatalogService::update_store(Actor actor, std::string id, Changes changes,
                                                          std::optional<std::string> category) {
    co_await owned_store(actor, id, true);  // an inactive store is updated (and re-activated) too
    if (category) changes.set("category_id", co_await resolve_category(std::move(*category), "category"));
    const auto updated = co_await repo_.update_store(id, std::move(changes));
    if (!updated) throw ApiError::not_found("no store with this id");
    changed();
    co_return store_json(*updated);
}

asio::awaitable<void> CatalogService::deactivate_store(Actor actor, std::string id) {
    co_await owned_store(actor, id);
    Changes changes;
    changes.set("is_active", false);
    const auto updated = co_await repo_.update_store(id, std::move(changes));
    if (!updated) throw ApiError::not_found("no store with this id");
    changed();
}

asio::awaitable<json::value> CatalogService::assign_store_owner(std::string id, std::string owner_id) {
    const auto store = co_await repo_.store_any(id);
    if (!store) throw ApiError::not_found("no store with this id");
    const auto role = co_await repo_.user_role(owner_id);
    if (!role) throw ApiError::invalid_field("owner", "is not a user");
    if (*role != "merchant")
        throw ApiError::invalid_field("owner", "is not a merchant (give the user that role first)");
    Changes changes;
    changes.set("owner_id", owner_id);
    const auto updated = co_await repo_.update_store(id, std::move(changes));
    if (!updated) throw ApiError::not_found("no store with this id");
    changed();
    co_return store_json(*updated);
}

asio::awaitable<json::value> CatalogService::changed_product(const std::string& id) {
    changed();
    const auto product = co_await repo_.product(id);
    if (!product) throw ApiError::not_found("no product with this id");
    co_return product_json(*product);
}

asio::awaitable<Product> CatalogService::owned_product(const Actor& actor, const std::string& id, bool any_state) {
    std::optional<Product> product;
    if (any_state) {
        product = co_await repo_.product_any(id);
    } else {
        product = co_await repo_.product(id);
    }
    if (!product) throw ApiError::not_found("no product with this id");
    if (!actor.admin) {
        const auto store = co_await repo_.store_any(product->store_id);
        if (!store || store->owner_id != actor.user_id) throw ApiError::forbidden("this product's store is not yours");
    }
    co_return std::move(*product);
}

namespace {

void price_variants(std::vector<Variant>& variants, std::int64_t selling_paise) {
    for (Variant& v : variants) {
        if (v.price_paise == 0) v.price_paise = selling_paise;
    }
}

}  // namespace

asio::awaitable<json::value> CatalogService::create_product(Actor actor, Changes changes, std::string store_id,
                                                            std::string category, std::int64_t original_paise,
                                                            std::int64_t selling_paise, std::vector<Variant> variants) {
    const auto store = co_await repo_.store(store_id);
    if (store && !actor.admin && store->owner_id != actor.user_id) {
        throw ApiError::forbidden("this store is not yours");
    }
    const auto found = co_await repo_.category(category);
    std::vector<platform::core::FieldError> errors;
    if (!store) errors.push_back({"store", "is not an active store"});
    if (!found) errors.push_back({"category", "is not an active category (give its id or slug)"});
    if (!errors.empty()) throw platform::core::ValidationFailed(std::move(errors));
    const std::string id = platform::core::ObjectId::generate().to_string();
    changes.set("id", id);
    changes.set("store_id", store_id);
    changes.set("category_id", found->id);
    changes.set("original_paise", original_paise);
    changes.set("selling_paise", selling_paise);
    price_variants(variants, selling_paise);
    co_await repo_.insert_product(std::move(changes), std::move(variants));
    co_return co_await changed_product(id);
}

asio::awaitable<json::value> CatalogService::update_product(Actor actor, std::string id, Changes changes,
                                                            std::optional<std::string> category,
                                                            std::optional<std::int64_t> original_paise,
                                                            std::optional<std::int64_t> selling_paise,
                                                            std::optional<std::vector<Variant>> variants) {
    const Product existing = co_await owned_product(actor, id, true);  // inactive ones too (re-activation)
    const std::int64_t original = original_paise.value_or(existing.original_paise);
    const std::int64_t selling = selling_paise.value_or(existing.selling_paise);
    if (selling > original) throw ApiError::invalid_field("price.selling", "must not be above price.original");
    if (original_paise) changes.set("original_paise", original);
    if (selling_paise) changes.set("selling_paise", selling);
    if (category) changes.set("category_id", co_await resolve_category(std::move(*category), "category"));
    if (variants) price_variants(*variants, selling);
    try {
        co_await repo_.update_product(id, std::move(changes), std::move(variants));
    } catch (const DbError& e) {
        // The price changed between the read above and this write, and the two no longer agree.
        if (e.sqlstate == "23514" && e.constraint == "products_check") {
            throw ApiError::invalid_field("price.selling", "must not be above price.original");
        }
        throw;
    }
    const auto updated = co_await repo_.product_any(id);
    if (!updated) throw ApiError::not_found("no product with this id");
    changed();
    co_return product_json(*updated);
}

asio::awaitable<void> CatalogService::deactivate_product(Actor actor, std::string id) {
    co_await owned_product(actor, id);
    Changes changes;
    changes.set("is_active", false);
    co_await repo_.update_product(id, std::move(changes), std::nullopt);
    changed();
}

asio::awaitable<json::value> CatalogService::set_stock(Actor actor, std::string id, std::optional<std::int64_t> stock,
                                                       std::vector<Variant> variants) {
    co_await owned_product(actor, id);
    const int missing = co_await repo_.set_stock(id, stock, variants);
    if (missing == -2) throw ApiError::not_found("no product with this id");
    co_return co_await changed_product(id);
}

asio::awaitable<json::value> CatalogService::set_store_image(Actor actor, std::string id, std::string field,
                                                             std::string bytes) {
    const Store store = co_await owned_store(actor, id);
    const media::StoredFile file = co_await media_.save_image(std::move(bytes), field);
    const bool logo = field == "logo";
    Changes changes;
    changes.set(logo ? "logo" : "banner", file.url);
    std::optional<Store> updated;
    std::exception_ptr failure;
    try {
        updated = co_await repo_.update_store(id, std::move(changes));
    } catch (...) {
        failure = std::current_exception();
    }
    if (failure || !updated) {
        co_await media_.remove_url(file.url);  // kept for nobody
        if (failure) std::rethrow_exception(failure);
        throw ApiError::not_found("no store with this id");
    }
    const std::optional<std::string>& previous = logo ? store.logo : store.banner;
    if (previous && *previous != file.url) co_await media_.remove_url(*previous);
    changed();
    co_return store_json(*updated);
}

asio::awaitable<json::value> CatalogService::add_product_images(Actor actor, std::string id,
                                                                std::vector<std::string> images) {
    Product product = co_await owned_product(actor, id);
    if (product.images.size() + images.size() > kMaxProductImages) {
        throw ApiError::invalid_field("images", "a product has at most " + std::to_string(kMaxProductImages) +
                                                    " images; it has " + std::to_string(product.images.size()));
    }
    std::vector<std::string> saved;
    std::exception_ptr failure;
    try {
        for (std::string& bytes : images) {
            const media::StoredFile file = co_await media_.save_image(std::move(bytes), "images");
            saved.push_back(file.url);
        }
        std::vector<std::string> all = product.images;
        all.insert(all.end(), saved.begin(), saved.end());
        const bool swapped = co_await repo_.swap_images(id, product.images, all);
        if (!swapped) throw images_changed();
    } catch (...) {
        failure = std::current_exception();
    }
    if (failure) {
        for (const std::string& url : saved) co_await media_.remove_url(url);
        std::rethrow_exception(failure);
    }
    co_return co_await changed_product(id);
}

asio::awaitable<json::value> CatalogService::remove_product_image(Actor actor, std::string id, std::string image) {
    Product product = co_await owned_product(actor, id);
    const auto at = image_position(product.images, image, true);
    if (!at) throw ApiError::not_found("the product has no such image");
    std::vector<std::string> rest = product.images;
    const std::string removed = rest[*at];
    rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(*at));
    const bool swapped = co_await repo_.swap_images(id, product.images, rest);
    if (!swapped) throw images_changed();
    co_await media_.remove_url(removed);
    co_return co_await changed_product(id);
}

asio::awaitable<json::value> CatalogService::reorder_product_images(Actor actor, std::string id,
                                                                    std::vector<std::string> order) {
    Product product = co_await owned_product(actor, id);
    std::vector<std::string> images;
    std::vector<bool> named(product.images.size(), false);
    for (const std::string& image : order) {
        const auto at = image_position(product.images, image, false);
        if (!at || named[*at]) break;
        named[*at] = true;
        images.push_back(product.images[*at]);
    }
    if (images.size() != product.images.size() || order.size() != images.size()) {
        throw ApiError::invalid_field("images", "must name each of the product's " +
                                                    std::to_string(product.images.size()) +
                                                    " images once, by URL or file name");
    }
    const bool swapped = co_await repo_.swap_images(id, product.images, images);
    if (!swapped) throw images_changed();
    co_return co_await changed_product(id);
}

}  // namespace superapp::features::catalog
