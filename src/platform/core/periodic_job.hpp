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

/// Runs `work` every `interval` on one shard until stopped; a failure of one run is logged as a
/// warning naming the job, and the next run happens as planned.
class PeriodicJob {
  public:
    using Work = std::function<boost::asio::awaitable<void>()>;

    /// `run_at_start`: the first run happens as soon as the job starts, not one interval later.
    PeriodicJob(std::string name, std::chrono::milliseconds interval, Work work, bool run_at_start = false);

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
    bool run_at_start_ = false;
    bool stopped_ = false;  // read and written on the timer's shard only
};

}  // namespace superapp::platform::core
