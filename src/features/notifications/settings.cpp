#include "features/notifications/settings.hpp"

namespace superapp::features::notifications {

Settings load_settings(const platform::core::Env& env) {
    Settings s;
    platform::core::EnvReader reader(env);
    reader.millis("NOTIFICATION_SWEEP_MS", s.sweep_interval, 100, 86'400'000);
    reader.integer("NOTIFICATION_BATCH_SIZE", s.broadcast_batch_size, 1, 10'000);
    reader.throw_if_invalid();
    return s;
}

}  // namespace superapp::features::notifications
