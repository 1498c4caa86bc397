#include "features/earn/expiry_job.hpp"

namespace superapp::features::earn {

platform::core::PeriodicJob expiry_job(EarnService& earn) {
    return {"earn projects expired", earn.settings().expiry_sweep, [&earn]() { return earn.expire_projects(); }};
}

}  // namespace superapp::features::earn
