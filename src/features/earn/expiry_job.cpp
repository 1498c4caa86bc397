#include "features/earn/expiry_job.hpp"

#include "platform/core/log.hpp"

namespace superapp::features::earn {

namespace {

boost::asio::awaitable<void> sweep(EarnService& earn) {
    const std::int64_t expired = co_await earn.expire_projects();
    if (expired > 0) platform::core::log::info("earn projects expired", {{"count", expired}});
}

}  // namespace

platform::core::PeriodicJob expiry_job(EarnService& earn) {
    return {"earn project expiry", earn.settings().expiry_sweep, [&earn]() { return sweep(earn); }};
}

}  // namespace superapp::features::earn
