#include "features/catalog/purchases.hpp"

namespace superapp::features::catalog {

boost::asio::awaitable<void> Purchases::delivered_in(platform::db::Tx& tx, const std::string& user_id,
                                                     const std::vector<std::string>& product_ids) {
    co_await tx.query(platform::db::named_query("catalog.receipts_record"), user_id, product_ids);
}

}  // namespace superapp::features::catalog
