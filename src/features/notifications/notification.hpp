#pragma once
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "platform/core/time.hpp"

namespace superapp::features::notifications {

/// One stored notification (a row of `notifications`).
struct Notification {
    std::string id;
    std::string user_id;
    std::string title;
    std::string message;
    std::string type;      ///< info, success, warning, error
    std::string category;  ///< order, earning, general, promotional
    boost::json::value data = boost::json::object();
    bool is_read = false;
    std::optional<platform::core::Timestamp> read_at;
    std::optional<platform::core::Timestamp> expires_at;
    platform::core::Timestamp created_at{};
};

/// What a feature asks to send; type and category are checked by the service.
struct NewNotification {
    std::string title;
    std::string message;
    std::string type = "info";
    std::string category = "general";
    boost::json::object data;
    std::optional<platform::core::Timestamp> expires_at;
};

/// The longest title and message, in characters (Unicode code points, not bytes). The admin
/// broadcast's validation and check_new() both use these.
inline constexpr std::size_t kMaxTitleChars = 200;
inline constexpr std::size_t kMaxMessageChars = 2000;

/// Whether the name is one of the types (info, success, warning, error). Pure.
bool is_type(std::string_view name);
/// Whether the name is one of the categories (order, earning, general, promotional). Pure.
bool is_category(std::string_view name);

/// The seed's Notification document: _id, user, title, message, type, category, data, isRead,
/// readAt, expiresAt, createdAt. Pure.
boost::json::object notification_json(const Notification& n);

}  // namespace superapp::features::notifications
