#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace superapp::platform::core {

/// Runs a piece of work every `interval` on one shard (sweeps of expired rows). A failure of one
/// run is logged and the next run comes as planned.
class PeriodicJob {
  public:
    /// The work: a non-coroutine callable returning a named coroutine's awaitable (decision 0003).
    using Work = std::function<boost::asio::awaitable<void>()>;

    PeriodicJob(std::string name, std::chrono::milliseconds interval, Work work);

    /// Starts the loop on `ctx` (a shard whose thread serves the database). Once.
    void start(boost::asio::io_context& ctx);
    /// Ends the loop after the run in progress, if any. Any thread.
    void stop();

  private:
    static boost::asio::awaitable<void> run(PeriodicJob* self);

    std::string name_;
    std::chrono::milliseconds interval_;
    Work work_;
    std::unique_ptr<boost::asio::steady_timer> timer_;
    bool stopped_ = false;  // read and written on the timer's shard only
};

}  // namespace superapp::platform::core
