#include "features/notifications/expiry_job.hpp"

#include "platform/core/log.hpp"

namespace superapp::features::notifications {

namespace {

boost::asio::awaitable<void> sweep(NotificationsService& notifications) {
    const std::int64_t removed = co_await notifications.remove_expired();
    if (removed > 0) platform::core::log::info("expired notifications removed", {{"count", removed}});
}

}  // namespace

std::chrono::milliseconds load_sweep_interval(const platform::core::Env& env) {
    std::chrono::milliseconds interval = std::chrono::minutes(1);
    platform::core::EnvReader reader(env);
    reader.millis("NOTIFICATION_SWEEP_MS", interval, 100, 86'400'000);
    reader.throw_if_invalid();
    return interval;
}

platform::core::PeriodicJob expiry_job(NotificationsService& notifications, std::chrono::milliseconds interval) {
    return {"notification expiry", interval, [&notifications]() { return sweep(notifications); }};
}

}  // namespace superapp::features::notifications
