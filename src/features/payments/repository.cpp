#include "features/payments/repository.hpp"

namespace superapp::features::payments {

boost::asio::awaitable<bool> PaymentsRepository::record_in(platform::db::Tx& tx, const std::string& event_id,
                                                           const std::string& transaction_id, std::string_view type) {
    const auto result =
        co_await tx.query(platform::db::named_query("payments.event_record"), event_id, transaction_id, type);
    co_return !result.empty();
}

}  // namespace superapp::features::payments
