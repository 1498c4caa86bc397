#pragma once
#include "features/videos/service.hpp"
#include "platform/core/periodic_job.hpp"

namespace superapp::features::videos {

/// Recomputes the videos' trending scores every TRENDING_REFRESH_SECONDS, and once at start.
platform::core::PeriodicJob trending_job(VideosService& videos);

}  // namespace superapp::features::videos
