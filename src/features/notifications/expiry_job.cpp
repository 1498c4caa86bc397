#include "features/notifications/expiry_job.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>

#include "platform/core/log.hpp"

namespace superapp::features::notifications {

namespace asio = boost::asio;
namespace log = platform::core::log;

std::chrono::milliseconds load_sweep_interval(const platform::core::Env& env) {
    std::chrono::milliseconds interval = std::chrono::minutes(1);
    platform::core::EnvReader reader(env);
    reader.millis("NOTIFICATION_SWEEP_MS", interval, 100, 86'400'000);
    reader.throw_if_invalid();
    return interval;
}

ExpiryJob::ExpiryJob(NotificationsService& notifications, std::chrono::milliseconds interval)
    : notifications_(notifications), interval_(interval) {}

void ExpiryJob::start(asio::io_context& ctx) {
    timer_ = std::make_unique<asio::steady_timer>(ctx);
    asio::co_spawn(ctx, run(this), asio::detached);
}

void ExpiryJob::stop() {
    if (!timer_) return;
    asio::post(timer_->get_executor(), [this]() {
        stopped_ = true;
        timer_->cancel();
    });
}

asio::awaitable<void> ExpiryJob::run(ExpiryJob* self) {
    while (!self->stopped_) {
        self->timer_->expires_after(self->interval_);
        boost::system::error_code ec;
        co_await self->timer_->async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (self->stopped_) break;
        try {
            const std::int64_t removed = co_await self->notifications_.remove_expired();
            if (removed > 0) log::info("expired notifications removed", {{"count", removed}});
        } catch (const std::exception& e) {
            log::warn("expired notifications not removed", {{"error", e.what()}});
        }
    }
}

}  // namespace superapp::features::notifications
