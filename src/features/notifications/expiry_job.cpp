#include "features/notifications/expiry_job.hpp"

namespace superapp::features::notifications {

std::chrono::milliseconds load_sweep_interval(const platform::core::Env& env) {
    std::chrono::milliseconds interval = std::chrono::minutes(1);
    platform::core::EnvReader reader(env);
    reader.millis("NOTIFICATION_SWEEP_MS", interval, 100, 86'400'000);
    reader.throw_if_invalid();
    return interval;
}

platform::core::PeriodicJob expiry_job(NotificationsService& notifications, std::chrono::milliseconds interval) {
    return {"expired notifications removed", interval, [&notifications]() { return notifications.remove_expired(); }};
}

}  // namespace superapp::features::notifications
