#pragma once
#include "features/earn/service.hpp"
#include "platform/core/periodic_job.hpp"

namespace superapp::features::earn {

/// The job that marks projects past their expiry date expired every settings().expiry_sweep.
/// Safe with several `serve` processes: each sweep updates a bounded batch and skips rows another
/// sweep holds.
platform::core::PeriodicJob expiry_job(EarnService& earn);

}  // namespace superapp::features::earn
