#include "features/notifications/handlers.hpp"

#include <algorithm>

#include "platform/core/object_id.hpp"
#include "platform/core/time.hpp"
#include "platform/core/validation.hpp"
#include "platform/http/api_error.hpp"

namespace superapp::features::notifications {

namespace asio = boost::asio;
namespace json = boost::json;
using platform::core::QueryValidator;
using platform::core::Validator;
using platform::http::Request;
using platform::http::Response;

namespace {

constexpr std::size_t kMaxSegmentCategories = 50;

const std::string& user_id(const Request& req) { return req.principal->user_id; }

asio::awaitable<Response> list(NotificationsService& notifications, Request& req) {
    QueryValidator v(req.query);
    ListFilter filter;
    filter.is_read = v.optional_bool("isRead");
    filter.category = v.optional_enum("category", {"order", "earning", "general", "promotional"});
    filter.limit = static_cast<int>(v.optional_int("limit", 1, 100).value_or(20));
    filter.cursor = v.optional_string("cursor", {.min = 1, .max = 200});
    v.finish();

    const Page page = co_await notifications.list(user_id(req), filter);
    json::array items;
    items.reserve(page.items.size());
    for (const auto& n : page.items) items.emplace_back(notification_json(n));
    co_return Response::private_json(
        json::object{{"items", std::move(items)},
                     {"nextCursor", page.next_cursor ? json::value(*page.next_cursor) : json::value(nullptr)},
                     {"unreadCount", page.unread_count}});
}

asio::awaitable<Response> mark_read(NotificationsService& notifications, Request& req) {
    const std::string id(req.param("id"));
    const Notification n = co_await notifications.mark_read(user_id(req), id);
    co_return Response::private_json(notification_json(n));
}

asio::awaitable<Response> mark_all_read(NotificationsService& notifications, Request& req) {
    const std::int64_t updated = co_await notifications.mark_all_read(user_id(req));
    co_return Response::private_json(json::object{{"updated", updated}, {"unreadCount", 0}});
}

Broadcast read_broadcast(const json::value& body) {
    Validator v(body);
    Broadcast b;
    b.notification.title = v.required_string("title", {.min = 1, .max = kMaxTitleChars});
    b.notification.message = v.required_string("message", {.min = 1, .max = kMaxMessageChars});
    b.notification.type = v.optional_enum("type", {"info", "success", "warning", "error"}).value_or("info");
    b.notification.category = "promotional";
    if (const json::value* data = v.find("data")) {
        if (data->is_object()) {
            b.notification.data = data->as_object();
        } else {
            v.fail("data", "must be an object");
        }
    }
    if (auto expires = v.optional_timestamp("expiresAt")) {
        if (*expires <= platform::core::now()) {
            v.fail("expiresAt", "must be in the future");
        } else {
            b.notification.expires_at = *expires;
        }
    }
    if (auto segment = v.optional_object("segment")) {
        b.audience.city = segment->optional_string("city", {.min = 1, .max = 100});
        if (auto ids = segment->optional_string_array(
                "categories", {.max_items = kMaxSegmentCategories, .item = {.min = 1, .max = 64}})) {
            std::vector<std::string> normalized;
            for (std::size_t i = 0; i < ids->size(); ++i) {
                const auto id = platform::core::ObjectId::parse((*ids)[i]);
                if (!id) {
                    v.fail("segment.categories[" + std::to_string(i) + "]", "must be a 24-character hex id");
                    continue;
                }
                normalized.push_back(id->to_string());
            }
            if (ids->empty()) v.fail("segment.categories", "must name at least one category; leave it out for all");
            b.audience.categories = std::move(normalized);
        }
    }
    v.finish();
    return b;
}

asio::awaitable<Response> broadcast(NotificationsService& notifications, Request& req) {
    Broadcast b = read_broadcast(req.json);
    const std::int64_t sent = co_await notifications.broadcast(std::move(b));
    co_return Response::private_json(json::object{{"sent", sent}});
}

}  // namespace

Handler handle_list(NotificationsService& notifications) {
    return [&notifications](Request& req) { return list(notifications, req); };
}
Handler handle_mark_read(NotificationsService& notifications) {
    return [&notifications](Request& req) { return mark_read(notifications, req); };
}
Handler handle_mark_all_read(NotificationsService& notifications) {
    return [&notifications](Request& req) { return mark_all_read(notifications, req); };
}
Handler handle_broadcast(NotificationsService& notifications) {
    return [&notifications](Request& req) { return broadcast(notifications, req); };
}

}  // namespace superapp::features::notifications
