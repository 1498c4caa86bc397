#pragma once
#include "features/catalog/service.hpp"
#include "platform/http/router.hpp"

namespace superapp::features::catalog {

using platform::http::Handler;

/// The ObjectId in path parameter `param`, as the database keeps it; 404 "no <what> with this id"
/// when it is not one (a malformed id names nothing). For the read and write handlers.
std::string path_id(const platform::http::Request& req, std::string_view what, std::string_view param = "id");

/// GET /categories?type=&flat= -> {items (a tree unless flat), nextCursor: null}
Handler handle_list_categories(CatalogService& catalog);
/// GET /categories/:slug (a 24-hex id or a slug) -> the category with its subcategories
Handler handle_get_category(CatalogService& catalog);
/// GET /categories/:slug/products -> products of the category and its subcategories
Handler handle_category_products(CatalogService& catalog);
/// GET /categories/:slug/stores -> stores of the category and its subcategories
Handler handle_category_stores(CatalogService& catalog);
/// GET /stores?category=&city=&isPartner=&minRating=&open=now&lat=&lng=&sort= -> a page of stores
Handler handle_list_stores(CatalogService& catalog);
/// GET /stores/nearby?lat=&lng=&radius= -> stores within radius km, nearest first
Handler handle_nearby_stores(CatalogService& catalog);
/// GET /stores/:id -> the store
Handler handle_get_store(CatalogService& catalog);
/// GET /stores/:id/products -> the store's products
Handler handle_store_products(CatalogService& catalog);
/// GET /products?category=&store=&minPrice=&maxPrice=&tags=&minRating=&inStock=&featured=&q=&sort= -> a page
Handler handle_list_products(CatalogService& catalog);
/// GET /products/:id -> the product
Handler handle_get_product(CatalogService& catalog);
/// GET /products/:id/reviews?sort= -> a page of reviews, the histogram and the ratings
Handler handle_list_reviews(CatalogService& catalog);
/// POST /products/:id/reviews {rating, text?} -> 201 the review (200 when it replaced the user's earlier one)
Handler handle_add_review(CatalogService& catalog);

// ---- writes ----

/// POST /categories (admin) -> 201 the category; 409 SLUG_TAKEN
Handler handle_create_category(CatalogService& catalog);
/// PUT /categories/:id (admin), a partial update -> the category
Handler handle_update_category(CatalogService& catalog);
/// DELETE /categories/:id (admin) -> 204, the category deactivated
Handler handle_delete_category(CatalogService& catalog);
/// POST /stores (merchant: their own; admin: any, `owner` optional) -> 201 the store
Handler handle_create_store(CatalogService& catalog);
/// PUT /stores/:id (its owner or an admin), a partial update (an inactive store too, and isActive true
/// re-activates it) -> the store
Handler handle_update_store(CatalogService& catalog);
/// DELETE /stores/:id (its owner or an admin) -> 204, the store deactivated
Handler handle_delete_store(CatalogService& catalog);
/// PUT /admin/stores/:id/owner {owner} (admin) -> the store
Handler handle_assign_store_owner(CatalogService& catalog);
/// POST /products (the store's merchant or an admin) -> 201 the product
Handler handle_create_product(CatalogService& catalog);
/// PUT /products/:id, a partial update (variants replaced when sent; an inactive product too, and
/// isActive true re-activates it) -> the product
Handler handle_update_product(CatalogService& catalog);
/// DELETE /products/:id -> 204, the product deactivated
Handler handle_delete_product(CatalogService& catalog);
/// PUT /products/:id/stock {stock} and/or {variants: [{type, value, stock}]} -> the product
Handler handle_set_stock(CatalogService& catalog);
/// POST /stores/:id/logo, /stores/:id/banner (multipart: the file field of that name) -> the store
Handler handle_store_logo(CatalogService& catalog);
Handler handle_store_banner(CatalogService& catalog);
/// POST /products/:id/images (multipart: file fields named images, up to 5) -> the product
Handler handle_product_images(CatalogService& catalog);
/// DELETE /products/:id/images/:image (a position from 0, or the stored file name) -> the product
Handler handle_remove_product_image(CatalogService& catalog);
/// PUT /products/:id/images {images: [each image's URL or file name, in the new order]} -> the product
Handler handle_reorder_product_images(CatalogService& catalog);

}  // namespace superapp::features::catalog
