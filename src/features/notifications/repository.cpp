#include "features/notifications/repository.hpp"

namespace superapp::features::notifications {

namespace asio = boost::asio;
using platform::db::named_query;

namespace {

Notification from_row(const platform::db::Row& row) {
    Notification n;
    n.id = row.get<std::string>("id");
    n.user_id = row.get<std::string>("user_id");
    n.title = row.get<std::string>("title");
    n.message = row.get<std::string>("message");
    n.type = row.get<std::string>("type");
    n.category = row.get<std::string>("category");
    n.data = row.get<boost::json::value>("data");
    n.is_read = row.get<bool>("is_read");
    n.read_at = row.get_optional<platform::core::Timestamp>("read_at");
    n.expires_at = row.get_optional<platform::core::Timestamp>("expires_at");
    n.created_at = row.get<platform::core::Timestamp>("created_at");
    return n;
}

}  // namespace

asio::awaitable<Notification> NotificationsRepository::insert(const std::string& id, const std::string& user_id,
                                                              const NewNotification& n) {
    const auto result = co_await db_.query(named_query("notifications.insert"), id, user_id, n.title, n.message, n.type,
                                           n.category, n.data, n.expires_at);
    co_return from_row(result[0]);
}

asio::awaitable<Notification> NotificationsRepository::insert(platform::db::Tx& tx, const std::string& id,
                                                              const std::string& user_id, const NewNotification& n) {
    const auto result = co_await tx.query(named_query("notifications.insert"), id, user_id, n.title, n.message, n.type,
                                          n.category, n.data, n.expires_at);
    co_return from_row(result[0]);
}

asio::awaitable<std::vector<Notification>> NotificationsRepository::insert_many(
    const std::vector<std::string>& ids, const std::vector<std::string>& user_ids, const NewNotification& n) {
    const auto result = co_await db_.query(named_query("notifications.insert_many"), ids, user_ids, n.title, n.message,
                                           n.type, n.category, n.data, n.expires_at);
    std::vector<Notification> created;
    created.reserve(result.size());
    for (const auto row : result) created.push_back(from_row(row));
    co_return created;
}

asio::awaitable<std::vector<Notification>> NotificationsRepository::list(const ListQuery& q) {
    std::optional<platform::core::Timestamp> at;
    std::optional<std::string> id;
    if (q.after) {
        at = q.after->created_at;
        id = q.after->id;
    }
    const auto result =
        co_await db_.query(named_query("notifications.list"), q.user_id, q.is_read, q.category, at, id, q.limit);
    std::vector<Notification> items;
    items.reserve(result.size());
    for (const auto row : result) items.push_back(from_row(row));
    co_return items;
}

asio::awaitable<std::int64_t> NotificationsRepository::unread_count(const std::string& user_id) {
    const auto result = co_await db_.query(named_query("notifications.unread_count"), user_id);
    co_return result[0].get<std::int64_t>("unread");
}

asio::awaitable<std::optional<Notification>> NotificationsRepository::mark_read(const std::string& id,
                                                                                const std::string& user_id) {
    const auto result = co_await db_.query(named_query("notifications.mark_read"), id, user_id);
    if (result.empty()) co_return std::nullopt;
    co_return from_row(result[0]);
}

asio::awaitable<std::int64_t> NotificationsRepository::mark_all_read(const std::string& user_id) {
    const auto result = co_await db_.query(named_query("notifications.mark_all_read"), user_id);
    co_return static_cast<std::int64_t>(result.affected_rows());
}

asio::awaitable<std::int64_t> NotificationsRepository::delete_expired(int limit) {
    const auto result = co_await db_.query(named_query("notifications.delete_expired"), limit);
    co_return static_cast<std::int64_t>(result.affected_rows());
}

}  // namespace superapp::features::notifications
