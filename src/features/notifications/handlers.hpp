#pragma once
#include "features/notifications/service.hpp"
#include "platform/http/router.hpp"

namespace superapp::features::notifications {

using platform::http::Handler;

/// GET /notifications?isRead&category&limit&cursor -> {items, nextCursor, unreadCount}
Handler handle_list(NotificationsService& notifications);
/// PUT /notifications/:id/read -> the notification
Handler handle_mark_read(NotificationsService& notifications);
/// PUT /notifications/read-all -> {updated, unreadCount}
Handler handle_mark_all_read(NotificationsService& notifications);
/// POST /admin/notifications {title, message, type?, data?, expiresAt?, segment?{city?, categories?}} -> {sent}
Handler handle_broadcast(NotificationsService& notifications);

}  // namespace superapp::features::notifications
