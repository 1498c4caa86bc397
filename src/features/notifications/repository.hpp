#pragma once
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "features/notifications/notification.hpp"
#include "platform/core/cursor.hpp"
#include "platform/db/database.hpp"

namespace superapp::features::notifications {

/// Where a list page starts: after the row with this creation time and id (newest first).
using ListPosition = platform::core::CreatedAtPosition;

/// What a user's list selects.
struct ListQuery {
    std::string user_id;
    std::optional<bool> is_read;
    std::optional<std::string> category;
    std::optional<ListPosition> after;
    int limit = 20;
};

/// The only code that runs the notifications feature's SQL. Shard thread; throws DbError.
class NotificationsRepository {
  public:
    explicit NotificationsRepository(platform::db::Database& db) : db_(db) {}

    boost::asio::awaitable<Notification> insert(const std::string& id, const std::string& user_id,
                                                const NewNotification& n);
    /// The same, inside `tx`.
    static boost::asio::awaitable<Notification> insert(platform::db::Tx& tx, const std::string& id,
                                                       const std::string& user_id, const NewNotification& n);
    /// One notification per user (ids[i] for user_ids[i]) in one statement; returns them.
    boost::asio::awaitable<std::vector<Notification>> insert_many(const std::vector<std::string>& ids,
                                                                  const std::vector<std::string>& user_ids,
                                                                  const NewNotification& n);
    /// Visible (unexpired) notifications newest first, at most query.limit.
    boost::asio::awaitable<std::vector<Notification>> list(const ListQuery& query);
    boost::asio::awaitable<std::int64_t> unread_count(const std::string& user_id);
    /// The notification marked read, or nullopt when the user has no such visible one.
    boost::asio::awaitable<std::optional<Notification>> mark_read(const std::string& id, const std::string& user_id);
    /// How many were marked.
    boost::asio::awaitable<std::int64_t> mark_all_read(const std::string& user_id);
    /// Deletes at most `limit` expired notifications; returns how many.
    boost::asio::awaitable<std::int64_t> delete_expired(int limit);

  private:
    platform::db::Database& db_;
};

}  // namespace superapp::features::notifications
