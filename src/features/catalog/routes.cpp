#include "features/catalog/routes.hpp"

#include "features/catalog/handlers.hpp"

namespace superapp::features::catalog {

using platform::http::BodyKind;
using platform::http::rate_limited;
using platform::http::Role;

void register_routes(platform::http::ApiRoutes& api, CatalogService& catalog,
                     platform::http::WriteLimits& limits) {
    // One aligned line per route, read as a table.
    // clang-format off
    api.get ("/categories",                 Role::anyone, handle_list_categories(catalog));
    api.get ("/categories/:slug",           Role::anyone, handle_get_category(catalog));
    api.get ("/categories/:slug/products",  Role::anyone, handle_category_products(catalog));
    api.get ("/categories/:slug/stores",    Role::anyone, handle_category_stores(catalog));
    api.get ("/stores",                     Role::anyone, handle_list_stores(catalog));
    api.get ("/stores/nearby",              Role::anyone, handle_nearby_stores(catalog));
    api.get ("/stores/:id",                 Role::anyone, handle_get_store(catalog));
    api.get ("/stores/:id/products",        Role::anyone, handle_store_products(catalog));
    api.get ("/products",                   Role::anyone, handle_list_products(catalog));
    api.get ("/products/:id",               Role::anyone, handle_get_product(catalog));
    api.get ("/products/:id/reviews",       Role::anyone, handle_list_reviews(catalog));
    api.post("/products/:id/reviews",       Role::user,   rate_limited(limits, "reviews", handle_add_review(catalog)));

    api.post("/categories",                 Role::admin,    handle_create_category(catalog));
    api.put ("/categories/:slug",           Role::admin,    handle_update_category(catalog));
    api.del ("/categories/:slug",           Role::admin,    handle_delete_category(catalog));
    api.post("/stores",                     Role::merchant, handle_create_store(catalog));
    api.put ("/stores/:id",                 Role::merchant, handle_update_store(catalog));
    api.del ("/stores/:id",                 Role::merchant, handle_delete_store(catalog));
    api.put ("/admin/stores/:id/owner",     Role::admin,    handle_assign_store_owner(catalog));
    api.post("/products",                   Role::merchant, handle_create_product(catalog));
    api.put ("/products/:id",               Role::merchant, handle_update_product(catalog));
    api.del ("/products/:id",               Role::merchant, handle_delete_product(catalog));
    api.put ("/products/:id/stock",         Role::merchant, handle_set_stock(catalog));
    api.post("/stores/:id/logo",            Role::merchant, rate_limited(limits, "uploads", handle_store_logo(catalog)), BodyKind::raw, kMaxStoreImageRequestBytes);
    api.post("/stores/:id/banner",          Role::merchant, rate_limited(limits, "uploads", handle_store_banner(catalog)), BodyKind::raw, kMaxStoreImageRequestBytes);
    api.post("/products/:id/images",        Role::merchant, rate_limited(limits, "uploads", handle_product_images(catalog)), BodyKind::raw,
             kMaxProductImagesRequestBytes);
    api.put ("/products/:id/images",        Role::merchant, handle_reorder_product_images(catalog));
    api.del ("/products/:id/images/:image", Role::merchant, handle_remove_product_image(catalog));
    // clang-format on
}

}  // namespace superapp::features::catalog
