#pragma once
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>

#include "features/notifications/service.hpp"

namespace superapp::features::notifications {

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
