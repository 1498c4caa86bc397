#include "features/notifications/expiry_job.hpp"

#include "platform/core/log.hpp"

namespace superapp::features::notifications {

namespace {

boost::asio::awaitable<void> sweep(NotificationsService& notifications) {
    const std::int64_t removed = co_await notifications.remove_expired();
    if (removed > 0) platform::core::log::info("expired notifications removed", {{"count", removed}});
}

}  // namespace

platform::core::PeriodicJob expiry_job(NotificationsService& notifications, std::chrono::milliseconds interval) {
    return {"notification expiry", interval, [&notifications]() { return sweep(notifications); }};
}

}  // namespace superapp::features::notifications
