#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "platform/db/connection.hpp"
#include "platform/db/options.hpp"

namespace superapp::platform::db {

/// A session of its own that LISTENs on one channel, outside any pool, and comes back by itself after
/// the connection is lost (a PostgreSQL restart, pg_terminate_backend). Notifications sent while it
/// was away are missed. Used by one coroutine at a time, on one shard's thread.
class Listener {
  public:
    /// Connects only on the first next(); calls `on_listen` after each successful LISTEN (the first, and
    /// each one after a reconnect). Throws std::invalid_argument on a malformed conninfo.
    Listener(boost::asio::io_context& ctx, const PoolOptions& options, std::string channel,
             std::function<void()> on_listen = {});
    ~Listener();

    /// Returns the next notifications on the channel, in the order sent. Connects and LISTENs first
    /// when needed; when that fails or the session is lost, logs it and tries again with backoff
    /// (100 ms doubling to 5 s). Returns an empty vector once close() was called. Throws only
    /// std::bad_alloc. Shard thread.
    boost::asio::awaitable<std::vector<Notification>> next();
    /// Makes next() return empty now and from now on. Shard thread.
    void close();

  private:
    boost::asio::awaitable<void> connect();

    boost::asio::io_context& ctx_;
    ConnectSpec spec_;
    std::chrono::milliseconds connect_timeout_;
    std::string channel_;
    std::function<void()> on_listen_;
    std::unique_ptr<Connection> conn_;
    boost::asio::steady_timer backoff_timer_;
    std::chrono::milliseconds backoff_;
    long sessions_ = 0;
    bool closed_ = false;
};

}  // namespace superapp::platform::db
