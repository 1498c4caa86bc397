#pragma once
#include "features/catalog/service.hpp"
#include "platform/http/router.hpp"

namespace superapp::features::catalog {

using platform::http::Handler;

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

}  // namespace superapp::features::catalog
