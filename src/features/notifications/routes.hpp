#pragma once
#include "features/notifications/service.hpp"
#include "platform/http/router.hpp"

namespace superapp::features::notifications {

/// The signed-in user's notifications (/notifications/...) and admin broadcasts.
void register_routes(platform::http::ApiRoutes& api, NotificationsService& notifications);

}  // namespace superapp::features::notifications
