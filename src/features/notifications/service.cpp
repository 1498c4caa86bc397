#include "features/notifications/service.hpp"

#include <algorithm>
#include <charconv>

#include "platform/core/base64.hpp"
#include "platform/core/field_error.hpp"
#include "platform/core/object_id.hpp"
#include "platform/core/periodic_job.hpp"
#include "platform/core/validation.hpp"
#include "platform/http/api_error.hpp"

namespace superapp::features::notifications {

namespace asio = boost::asio;
using platform::core::FieldError;
using platform::core::ObjectId;
using platform::http::ApiError;

namespace {

constexpr int kMaxLimit = 100;

std::string new_id() { return ObjectId::generate().to_string(); }

// Counts characters (code points), as the API's validation does: a Hindi title of 200 letters is
// about 600 bytes.
void check_text(std::vector<FieldError>& errors, std::string_view field, std::string_view text, std::size_t max) {
    const std::optional<std::size_t> length = platform::core::utf8_length(text);
    if (!length) {
        errors.push_back({std::string(field), "must be valid UTF-8 text"});
    } else if (*length == 0 || *length > max) {
        errors.push_back({std::string(field), "must be 1 to " + std::to_string(max) + " characters"});
    }
}

}  // namespace

void check_new(const NewNotification& n) {
    std::vector<FieldError> errors;
    check_text(errors, "title", n.title, kMaxTitleChars);
    check_text(errors, "message", n.message, kMaxMessageChars);
    if (!is_type(n.type)) errors.push_back({"type", "must be one of info, success, warning, error"});
    if (!is_category(n.category)) {
        errors.push_back({"category", "must be one of order, earning, general, promotional"});
    }
    if (!errors.empty()) throw platform::core::ValidationFailed(std::move(errors));
}

std::string list_cursor(const Notification& n) { return platform::core::encode_cursor({n.created_at, n.id}); }

std::optional<ListPosition> parse_list_cursor(std::string_view cursor) { return platform::core::decode_cursor(cursor); }

NotificationsService::NotificationsService(platform::db::Database& db, users::UsersService& users,
                                           platform::realtime::EventPublisher& events, Settings settings)
    : repo_(db), settings_(settings), users_(users), events_(events) {}

asio::awaitable<Notification> NotificationsService::create(const std::string& user_id, NewNotification n) {
    check_new(n);
    const std::string id = new_id();
    Notification created = co_await repo_.insert(id, user_id, n);
    publish_created(created);
    co_return created;
}

namespace {

platform::realtime::Event created_event(const Notification& n) {
    return {.rooms = {"user:" + n.user_id}, .name = "new_notification", .data = notification_json(n)};
}

}  // namespace

void NotificationsService::publish_created(const Notification& n) { events_.publish(created_event(n)); }

asio::awaitable<Notification> NotificationsService::create_in(platform::db::Tx& tx, const std::string& user_id,
                                                              NewNotification n) {
    check_new(n);
    const std::string id = new_id();
    co_return co_await NotificationsRepository::insert(tx, id, user_id, n);
}

asio::awaitable<Page> NotificationsService::list(const std::string& user_id, const ListFilter& filter) {
    ListQuery query;
    query.user_id = user_id;
    query.is_read = filter.is_read;
    query.category = filter.category;
    query.limit = std::clamp(filter.limit, 1, kMaxLimit) + 1;  // one more tells whether a next page exists
    if (filter.cursor) {
        query.after = parse_list_cursor(*filter.cursor);
        if (!query.after) throw ApiError::invalid_field("cursor", "must be a cursor from a previous page");
    }
    auto items = co_await repo_.list(query);
    Page page;
    if (static_cast<int>(items.size()) == query.limit) {
        items.pop_back();
        page.next_cursor = list_cursor(items.back());
    }
    page.items = std::move(items);
    page.unread_count = co_await repo_.unread_count(user_id);
    co_return page;
}

asio::awaitable<Notification> NotificationsService::mark_read(const std::string& user_id, const std::string& id) {
    std::optional<Notification> marked;
    if (ObjectId::is_valid(id)) marked = co_await repo_.mark_read(id, user_id);
    if (!marked) throw ApiError::not_found("no notification with this id");
    co_return std::move(*marked);
}

asio::awaitable<std::int64_t> NotificationsService::mark_all_read(const std::string& user_id) {
    co_return co_await repo_.mark_all_read(user_id);
}

asio::awaitable<std::int64_t> NotificationsService::broadcast(Broadcast b) {
    b.notification.category = "promotional";
    check_new(b.notification);
    const int batch_size = std::clamp(settings_.broadcast_batch_size, 1, 10000);
    std::int64_t sent = 0;
    std::string after;
    for (;;) {
        std::vector<std::string> user_ids = co_await users_.notifiable_ids(b.audience, after, batch_size);
        if (user_ids.empty()) break;
        std::vector<std::string> ids;
        ids.reserve(user_ids.size());
        for (std::size_t i = 0; i < user_ids.size(); ++i) ids.push_back(new_id());
        // A user deleted since the batch was read would fail the whole statement's foreign key;
        // users are not deleted by the API, so one statement per batch is kept simple.
        const std::vector<Notification> created = co_await repo_.insert_many(ids, user_ids, b.notification);
        // One publish for the batch: the relay carries it to the other processes as one message, so
        // a broadcast to many users does not outrun the relay's queue.
        std::vector<platform::realtime::Event> events;
        events.reserve(created.size());
        for (const auto& n : created) events.push_back(created_event(n));
        events_.publish_all(std::move(events));
        sent += static_cast<std::int64_t>(created.size());
        after = user_ids.back();
        if (static_cast<int>(user_ids.size()) < batch_size) break;
    }
    co_return sent;
}

asio::awaitable<std::int64_t> NotificationsService::remove_expired(int max_rows) {
    co_return co_await platform::core::in_batches([this](int n) { return repo_.delete_expired(n); }, 1000, max_rows);
}

}  // namespace superapp::features::notifications
