#pragma once
#include <chrono>

#include "features/notifications/service.hpp"
#include "platform/core/config.hpp"
#include "platform/core/periodic_job.hpp"

namespace superapp::features::notifications {

/// NOTIFICATION_SWEEP_MS: how often expired notifications are removed (default a minute). Throws
/// ConfigError when it is not a whole number from 100 to 86400000.
std::chrono::milliseconds load_sweep_interval(const platform::core::Env& env);

/// The job that removes expired notifications every `interval`. Safe with several `serve`
/// processes: each sweep deletes a bounded batch and skips rows another sweep holds.
platform::core::PeriodicJob expiry_job(NotificationsService& notifications, std::chrono::milliseconds interval);

}  // namespace superapp::features::notifications
