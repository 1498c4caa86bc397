#pragma once
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>

#include "features/notifications/service.hpp"
#include "platform/core/config.hpp"

namespace superapp::features::notifications {

/// NOTIFICATION_SWEEP_MS: how often expired notifications are removed (default a minute). Throws
/// ConfigError when it is not a whole number from 100 to 86400000.
std::chrono::milliseconds load_sweep_interval(const platform::core::Env& env);

/// Removes expired notifications every `interval` on one shard. Safe with several `serve`
/// processes: each sweep deletes a bounded batch and skips rows another sweep holds.
class ExpiryJob {
  public:
    ExpiryJob(NotificationsService& notifications, std::chrono::milliseconds interval);

    /// Starts the loop on `ctx` (a shard whose thread serves the database). Once.
    void start(boost::asio::io_context& ctx);
    /// Ends the loop after the sweep in progress, if any. Any thread.
    void stop();

  private:
    static boost::asio::awaitable<void> run(ExpiryJob* self);

    NotificationsService& notifications_;
    std::chrono::milliseconds interval_;
    std::unique_ptr<boost::asio::steady_timer> timer_;
    bool stopped_ = false;  // read and written on the timer's shard only
};

}  // namespace superapp::features::notifications
