// The catalog's reads for the homepage feature (service.hpp, "the homepage's reads").
#include <boost/json/array.hpp>

#include "features/catalog/service.hpp"

namespace superapp::features::catalog {

namespace asio = boost::asio;
namespace json = boost::json;

asio::awaitable<json::array> CatalogService::category_rail(std::string type) {
    json::value all = co_await categories(std::move(type), false, Shape{});
    co_return std::move(all.as_object()["items"].as_array());
}

asio::awaitable<json::array> CatalogService::featured_products(int limit) {
    ProductQuery query{.featured = true, .sort = ProductSort::newest, .limit = limit};
    json::value page = co_await products(std::move(query), Shape{});
    co_return std::move(page.as_object()["items"].as_array());
}

asio::awaitable<std::vector<Product>> CatalogService::popular_products(std::vector<std::string> category_ids,
                                                                       int limit) {
    const ProductQuery query{.category_ids = std::move(category_ids), .sort = ProductSort::popularity, .limit = limit};
    Page<Product> page = co_await repo_.products(query);
    co_return std::move(page.items);
}

asio::awaitable<std::vector<Product>> CatalogService::products_by_ids(std::vector<std::string> ids) {
    if (ids.empty()) co_return std::vector<Product>{};
    co_return co_await repo_.products_by_ids(ids);
}

asio::awaitable<std::vector<Store>> CatalogService::stores_by_ids(std::vector<std::string> ids) {
    if (ids.empty()) co_return std::vector<Store>{};
    co_return co_await repo_.stores_by_ids(ids);
}

asio::awaitable<std::vector<DailyCount>> CatalogService::daily_reviews(int days) {
    co_return co_await repo_.daily_reviews(days);
}

}  // namespace superapp::features::catalog
