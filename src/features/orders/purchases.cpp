// What users bought: the orders feature's reads for the homepage (recommendations, trending).
#include "features/orders/repository.hpp"
#include "features/orders/service.hpp"

namespace superapp::features::orders {

namespace asio = boost::asio;
using platform::db::named_query;

asio::awaitable<std::vector<Purchase>> OrdersRepository::purchases(const std::string& user_id, int limit) {
    const auto result = co_await db_.query(named_query("orders.purchases"), user_id, limit);
    std::vector<Purchase> out;
    out.reserve(result.size());
    for (const auto row : result) {
        out.push_back({row.get<std::string>("product_id"), row.get<Timestamp>("last_ordered_at")});
    }
    co_return out;
}

asio::awaitable<std::vector<DailySales>> OrdersRepository::daily_sales(int days) {
    const auto result = co_await db_.query(named_query("orders.daily_sales"), days);
    std::vector<DailySales> out;
    out.reserve(result.size());
    for (const auto row : result) {
        out.push_back(
            {row.get<std::string>("product_id"), row.get<std::int32_t>("age_days"), row.get<std::int64_t>("units")});
    }
    co_return out;
}

asio::awaitable<std::vector<Purchase>> OrdersService::purchases(const std::string& user_id, int limit) {
    return repo_.purchases(user_id, limit);
}

asio::awaitable<std::vector<DailySales>> OrdersService::daily_sales(int days) { return repo_.daily_sales(days); }

}  // namespace superapp::features::orders
