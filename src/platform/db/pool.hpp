#pragma once
#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <deque>
#include <memory>
#include <vector>

#include "platform/db/options.hpp"

namespace superapp::platform::db {

class Connection;
class ConnectSpec;
class Pool;
using Clock = std::chrono::steady_clock;

/// A connection lent by a Pool; returns it when destroyed (a broken or mid-transaction one is closed).
class Lease {
  public:
    Lease() = default;
    Lease(std::shared_ptr<Pool> pool, Connection* conn);
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&& other) noexcept;
    ~Lease();

    Connection* operator->() const { return conn_; }
    Connection& operator*() const { return *conn_; }
    explicit operator bool() const { return conn_ != nullptr; }
    /// Returns true when the connection had served earlier leases (so it may have died while idle).
    bool reused() const { return reused_; }

  private:
    void reset() noexcept;

    std::shared_ptr<Pool> pool_;
    Connection* conn_ = nullptr;
    bool reused_ = false;
};

/// The connections of one shard. Every member except stats() runs on the shard's thread only, so the
/// pool has no locks; the counts behind stats() are atomics.
class Pool : public std::enable_shared_from_this<Pool> {
  public:
    /// Builds an empty pool bound to `ctx`. Throws std::invalid_argument on a malformed conninfo. Any thread.
    Pool(boost::asio::io_context& ctx, PoolOptions options);
    ~Pool();
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;

    /// Opens min_connections in the background. Any thread, once.
    static void start(const std::shared_ptr<Pool>& pool);
    /// Returns a healthy connection, queueing FIFO for up to `timeout` when all are lent.
    /// Throws DbError (unavailable: cannot connect, pool exhausted or closed). Shard thread.
    boost::asio::awaitable<Lease> acquire(std::chrono::milliseconds timeout);
    /// Same, with PoolOptions::acquire_timeout.
    boost::asio::awaitable<Lease> acquire() { return acquire(options_.acquire_timeout); }
    /// Closes every idle connection (one was found dead, so the rest likely are). Shard thread.
    void discard_idle() noexcept;
    /// Refuses new work, fails waiters, closes idle connections, waits for lent ones until `deadline`,
    /// then aborts what is still running (those close as they are returned). Shard thread.
    static boost::asio::awaitable<void> close(std::shared_ptr<Pool> pool, Clock::time_point deadline);
    /// Refuses new work and closes idle connections without waiting. Shard thread.
    void stop() noexcept;

    /// Returns the current counts. Any thread.
    PoolStats stats() const;
    const PoolOptions& options() const { return options_; }
    boost::asio::io_context& context() const { return ctx_; }

  private:
    friend class Lease;
    struct Waiter;

    static boost::asio::awaitable<void> upkeep(std::shared_ptr<Pool> pool);
    boost::asio::awaitable<Connection*> open_counted();
    void release(Connection* conn) noexcept;
    void destroy(Connection* conn) noexcept;
    void slot_freed() noexcept;
    void make_idle(Connection* conn) noexcept;
    void reap_idle() noexcept;
    void ensure_upkeep();
    void note_connect_failure(const std::string& what);
    void publish() noexcept;

    boost::asio::io_context& ctx_;
    PoolOptions options_;
    std::unique_ptr<ConnectSpec> spec_;
    std::vector<std::unique_ptr<Connection>> connections_;  // every open connection, lent or idle
    std::vector<Connection*> idle_;                         // back = most recently returned
    std::deque<Waiter*> waiters_;
    int size_ = 0;    // open + opening; always in_use_ + idle_.size()
    int in_use_ = 0;  // lent + opening
    bool closing_ = false;
    bool upkeep_running_ = false;
    boost::asio::steady_timer upkeep_timer_;
    Clock::time_point last_connect_warning_{};
    int unlogged_connect_failures_ = 0;

    std::atomic<int> stat_size_{0};
    std::atomic<int> stat_in_use_{0};
    std::atomic<int> stat_idle_{0};
    std::atomic<int> stat_waiting_{0};
};

}  // namespace superapp::platform::db
