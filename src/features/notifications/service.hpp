#pragma once
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "features/notifications/notification.hpp"
#include "features/notifications/repository.hpp"
#include "features/notifications/settings.hpp"
#include "features/users/service.hpp"
#include "platform/realtime/event_bus.hpp"

namespace superapp::features::notifications {

/// What GET /notifications asks for.
struct ListFilter {
    std::optional<bool> is_read;
    std::optional<std::string> category;
    std::optional<std::string> cursor;  ///< from the previous page's next_cursor
    int limit = 20;
};

struct Page {
    std::vector<Notification> items;
    std::optional<std::string> next_cursor;
    std::int64_t unread_count = 0;
};

/// A promotional notification for every user who accepts notifications, or a segment of them.
struct Broadcast {
    NewNotification notification;  ///< its category is set to promotional
    users::Audience audience;
};

/// Users' notifications. Other features create them with create() (or create_in() inside their
/// own transaction, then publish_created() once it commits). Each one created is published as
/// `new_notification` to the room "user:<id>". Shard thread; throws DbError.
class NotificationsService {
  public:
    NotificationsService(platform::db::Database& db, users::UsersService& users,
                         platform::realtime::EventPublisher& events, Settings settings = {});

    const Settings& settings() const { return settings_; }

    /// Stores a notification for the user, publishes it and returns it. Throws ApiError 422 naming "type",
    /// "category", "title" or "message" when one is not acceptable (check_new).
    boost::asio::awaitable<Notification> create(const std::string& user_id, NewNotification n);
    /// The same, inside the caller's transaction.
    static boost::asio::awaitable<Notification> create_in(platform::db::Tx& tx, const std::string& user_id,
                                                          NewNotification n);
    /// Publishes `new_notification` for a notification create_in() stored, after its transaction commits.
    void publish_created(const Notification& n);
    /// The user's unexpired notifications, newest first, with the unread count. Throws ApiError
    /// 422 naming "cursor" for a cursor this did not issue.
    boost::asio::awaitable<Page> list(const std::string& user_id, const ListFilter& filter);
    /// Marks one of the user's notifications read (again: no change) and returns it. Throws
    /// ApiError 404 when the user has no such unexpired notification.
    boost::asio::awaitable<Notification> mark_read(const std::string& user_id, const std::string& id);
    /// Marks all the user's notifications read; returns how many were unread.
    boost::asio::awaitable<std::int64_t> mark_all_read(const std::string& user_id);
    /// Sends the broadcast in batches of settings().broadcast_batch_size users, each batch one
    /// statement whose notifications are published together once it commits (one message to the
    /// other processes per batch); returns how many were created. Throws as create.
    boost::asio::awaitable<std::int64_t> broadcast(Broadcast b);
    /// Removes up to `max_rows` expired notifications, in batches; returns how many.
    boost::asio::awaitable<std::int64_t> remove_expired(int max_rows = 10000);

  private:
    NotificationsRepository repo_;
    Settings settings_;
    users::UsersService& users_;
    platform::realtime::EventPublisher& events_;
};

/// Throws ValidationFailed (422) when the type or category is not one of the known names, or the
/// title (1..kMaxTitleChars) or message (1..kMaxMessageChars) is empty, too long or not UTF-8.
/// Lengths count characters (code points), as the API's validation does. Pure.
void check_new(const NewNotification& n);

/// The opaque cursor after `n` in the list order. Pure.
std::string list_cursor(const Notification& n);
/// The position a cursor stands for; nullopt when it is not one list_cursor made. Pure.
std::optional<ListPosition> parse_list_cursor(std::string_view cursor);

}  // namespace superapp::features::notifications
