#include "features/notifications/notification.hpp"

#include <algorithm>
#include <initializer_list>

#include "platform/core/json_fields.hpp"

namespace superapp::features::notifications {

using platform::core::time_or_null;

namespace {

// Also listed in db/migrations/0010_notifications.sql and docs/openapi.yaml (Notification).
const std::initializer_list<std::string_view> kTypes = {"info", "success", "warning", "error"};
const std::initializer_list<std::string_view> kCategories = {"order", "earning", "general", "promotional"};

}  // namespace

bool is_type(std::string_view name) { return std::find(kTypes.begin(), kTypes.end(), name) != kTypes.end(); }

bool is_category(std::string_view name) {
    return std::find(kCategories.begin(), kCategories.end(), name) != kCategories.end();
}

boost::json::object notification_json(const Notification& n) {
    return {{"_id", n.id},
            {"user", n.user_id},
            {"title", n.title},
            {"message", n.message},
            {"type", n.type},
            {"category", n.category},
            {"data", n.data.is_object() ? n.data : boost::json::value(boost::json::object())},
            {"isRead", n.is_read},
            {"readAt", time_or_null(n.read_at)},
            {"expiresAt", time_or_null(n.expires_at)},
            {"createdAt", platform::core::to_iso8601(n.created_at)}};
}

}  // namespace superapp::features::notifications
