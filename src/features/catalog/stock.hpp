#pragma once
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <string>

#include "platform/db/database.hpp"

namespace superapp::features::catalog {

/// Products' and variants' stock as orders move it, inside the order's transaction. Lock order:
/// a product's row, then its variant's; callers take several products in id order. Shard thread;
/// throws DbError.
class Stock {
  public:
    /// Takes `quantity` units of the product and, when `variant_type` is not empty, of that variant.
    /// False when either has fewer: then the caller's transaction must roll back (it may have
    /// taken the product's units already).
    static boost::asio::awaitable<bool> take_in(platform::db::Tx& tx, const std::string& product_id,
                                                const std::string& variant_type, const std::string& variant_value,
                                                std::int64_t quantity);
    /// Puts the units back (an order cancelled).
    static boost::asio::awaitable<void> put_back_in(platform::db::Tx& tx, const std::string& product_id,
                                                    const std::string& variant_type, const std::string& variant_value,
                                                    std::int64_t quantity);
};

}  // namespace superapp::features::catalog
