#pragma once
#include <chrono>

#include "platform/core/config.hpp"

namespace superapp::features::notifications {

/// The notifications feature's settings.
struct Settings {
    std::chrono::milliseconds sweep_interval = std::chrono::minutes(1);  ///< NOTIFICATION_SWEEP_MS
    int broadcast_batch_size = 1000;  ///< NOTIFICATION_BATCH_SIZE: users per statement of an admin broadcast
};

/// Reads NOTIFICATION_SWEEP_MS (100 to 86400000) and NOTIFICATION_BATCH_SIZE (1 to 10000). Throws
/// ConfigError naming each one that is not a whole number in its range.
Settings load_settings(const platform::core::Env& env);

}  // namespace superapp::features::notifications
