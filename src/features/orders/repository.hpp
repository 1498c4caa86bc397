#pragma once
#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>
#include <vector>

#include "features/orders/model.hpp"
#include "platform/core/cursor.hpp"
#include "platform/db/database.hpp"

namespace superapp::features::orders {

/// What a user's order list selects.
struct ListQuery {
    std::string user_id;
    std::vector<Status> statuses;  ///< any of these; empty: every status
    std::optional<platform::core::CreatedAtPosition> after;
    int limit = 20;
};

/// The new values of a status change.
struct StateChange {
    OrderState state;
    std::string delivery_status;
    std::optional<Timestamp> estimated_time, actual_time;
    std::optional<std::string> tracking_id;
};

/// The only code that runs the orders feature's SQL. Orders come with their items. Shard thread;
/// throws DbError.
class OrdersRepository {
  public:
    explicit OrdersRepository(platform::db::Database& db) : db_(db) {}

    boost::asio::awaitable<std::optional<Order>> find(const std::string& id);
    /// Newest first, at most query.limit.
    boost::asio::awaitable<std::vector<Order>> list(const ListQuery& query);
    /// Ids of card orders still unpaid after their due time, at most `limit`.
    boost::asio::awaitable<std::vector<std::string>> unpaid_due(int limit);
    /// How many of the stores the user owns.
    boost::asio::awaitable<std::int64_t> stores_owned(const std::vector<std::string>& store_ids,
                                                      const std::string& user_id);
    boost::asio::awaitable<void> set_transaction(const std::string& order_id, const std::string& transaction_id);

    // ---- inside a caller's transaction ----

    /// Inserts the order (its number made here) and its items; returns it as stored.
    static boost::asio::awaitable<Order> insert_in(platform::db::Tx& tx, const Order& order);
    /// The order, locked until `tx` ends.
    static boost::asio::awaitable<std::optional<Order>> lock_in(platform::db::Tx& tx, const std::string& id);
    /// The order a gateway transaction pays, locked.
    static boost::asio::awaitable<std::optional<Order>> lock_by_transaction_in(platform::db::Tx& tx,
                                                                               const std::string& transaction_id);
    /// Applies the change and returns the order after it (items kept).
    static boost::asio::awaitable<Order> update_in(platform::db::Tx& tx, const Order& order, const StateChange& change);

    // ---- purchase history (purchases.cpp) ----

    /// The products the user bought in orders not cancelled, most recently ordered first, at most `limit`.
    boost::asio::awaitable<std::vector<Purchase>> purchases(const std::string& user_id, int limit);
    /// Units sold per product per UTC day over the last `days` days, orders not cancelled.
    boost::asio::awaitable<std::vector<DailySales>> daily_sales(int days);

  private:
    platform::db::Database& db_;
};

}  // namespace superapp::features::orders
