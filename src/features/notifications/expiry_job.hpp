#pragma once
#include <chrono>

#include "features/notifications/service.hpp"
#include "platform/core/periodic_job.hpp"

namespace superapp::features::notifications {

/// The job that removes expired notifications every `interval`. Safe with several `serve`
/// processes: each sweep deletes a bounded batch and skips rows another sweep holds.
platform::core::PeriodicJob expiry_job(NotificationsService& notifications, std::chrono::milliseconds interval);

}  // namespace superapp::features::notifications
