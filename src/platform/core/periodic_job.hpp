#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace superapp::platform::core {

/// Runs `batch(batch_size)` (which handles at most that many rows and returns how many it did)
/// until one handles fewer or `max_rows` are handled; returns the total. Any coroutine.
boost::asio::awaitable<std::int64_t> in_batches(std::function<boost::asio::awaitable<std::int64_t>(int)> batch,
                                                int batch_size, std::int64_t max_rows);

/// A background sweep (expired rows removed, deadlines passed) run every `interval` on one shard.
/// A sweep returns how many rows it handled: more than zero is logged at info as `name` with the
/// count; a sweep that throws is logged as a warning and the loop goes on.
class PeriodicJob {
  public:
    using Sweep = std::function<boost::asio::awaitable<std::int64_t>()>;

    PeriodicJob(std::string name, std::chrono::milliseconds interval, Sweep sweep);
    PeriodicJob(const PeriodicJob&) = delete;
    PeriodicJob& operator=(const PeriodicJob&) = delete;

    /// Starts the loop on `ctx` (a shard whose thread serves the database). Once.
    void start(boost::asio::io_context& ctx);
    /// Ends the loop after the sweep in progress, if any. Any thread.
    void stop();

  private:
    static boost::asio::awaitable<void> run(PeriodicJob* self);

    std::string name_;
    std::chrono::milliseconds interval_;
    Sweep sweep_;
    std::unique_ptr<boost::asio::steady_timer> timer_;
    bool stopped_ = false;  // read and written on the timer's shard only
};

}  // namespace superapp::platform::core
