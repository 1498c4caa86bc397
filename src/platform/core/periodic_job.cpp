#include "platform/core/periodic_job.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>

#include "platform/core/log.hpp"

namespace superapp::platform::core {

namespace asio = boost::asio;

asio::awaitable<std::int64_t> in_batches(std::function<asio::awaitable<std::int64_t>(int)> batch, int batch_size,
                                         std::int64_t max_rows) {
    std::int64_t handled = 0;
    while (handled < max_rows) {
        const std::int64_t n = co_await batch(batch_size);
        handled += n;
        if (n < batch_size) break;
    }
    co_return handled;
}

PeriodicJob::PeriodicJob(std::string name, std::chrono::milliseconds interval, Work work, bool run_at_start)
    : name_(std::move(name)), interval_(interval), work_(std::move(work)), run_at_start_(run_at_start) {}

void PeriodicJob::start(asio::io_context& ctx) {
    timer_ = std::make_unique<asio::steady_timer>(ctx);
    asio::co_spawn(ctx, run(this), asio::detached);
}

void PeriodicJob::stop() {
    if (!timer_) return;
    asio::post(timer_->get_executor(), [this]() {
        stopped_ = true;
        timer_->cancel();
    });
}

asio::awaitable<void> PeriodicJob::run(PeriodicJob* self) {
    bool first = true;
    while (!self->stopped_) {
        self->timer_->expires_after(first && self->run_at_start_ ? std::chrono::milliseconds(0) : self->interval_);
        first = false;
        boost::system::error_code ec;
        co_await self->timer_->async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (self->stopped_) break;
        try {
            co_await self->work_();
        } catch (const std::exception& e) {
            log::warn("periodic job failed", {{"job", self->name_}, {"error", e.what()}});
        }
    }
}

}  // namespace superapp::platform::core
