#pragma once
#include <boost/asio/awaitable.hpp>
#include <string>
#include <vector>

#include "platform/db/database.hpp"

namespace superapp::features::catalog {

/// What customers have received, as orders report it: a review by someone who received the product
/// is a verified purchase. Shard thread; throws DbError.
class Purchases {
  public:
    /// Records, inside the order's transaction, that its customer received these products, and marks
    /// their reviews of them verified.
    static boost::asio::awaitable<void> delivered_in(platform::db::Tx& tx, const std::string& user_id,
                                                     const std::vector<std::string>& product_ids);
};

}  // namespace superapp::features::catalog
