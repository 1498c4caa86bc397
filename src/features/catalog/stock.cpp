#include "features/catalog/stock.hpp"

namespace superapp::features::catalog {

namespace asio = boost::asio;
using platform::db::named_query;

asio::awaitable<bool> Stock::take_in(platform::db::Tx& tx, const std::string& product_id,
                                     const std::string& variant_type, const std::string& variant_value,
                                     std::int64_t quantity) {
    const auto result =
        co_await tx.query(named_query("catalog.stock_take"), product_id, variant_type, variant_value, quantity);
    const std::int64_t variants_wanted = variant_type.empty() ? 0 : 1;
    co_return result[0].get<std::int64_t>("products") == 1 &&
        result[0].get<std::int64_t>("variants") == variants_wanted;
}

asio::awaitable<void> Stock::put_back_in(platform::db::Tx& tx, const std::string& product_id,
                                         const std::string& variant_type, const std::string& variant_value,
                                         std::int64_t quantity) {
    co_await tx.query(named_query("catalog.stock_return"), product_id, variant_type, variant_value, quantity);
}

}  // namespace superapp::features::catalog
