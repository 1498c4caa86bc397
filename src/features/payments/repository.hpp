#pragma once
#include <boost/asio/awaitable.hpp>
#include <string>
#include <string_view>

#include "platform/db/database.hpp"

namespace superapp::features::payments {

/// The only code that runs the payments feature's SQL. Shard thread; throws DbError.
class PaymentsRepository {
  public:
    /// Records a gateway event inside `tx`; false when its id was recorded before (a replay).
    static boost::asio::awaitable<bool> record_in(platform::db::Tx& tx, const std::string& event_id,
                                                  const std::string& transaction_id, std::string_view type);
};

}  // namespace superapp::features::payments
