#pragma once
// The relay over PostgreSQL LISTEN/NOTIFY, for when there is no Redis; see relay.hpp for the delivery
// design. Messages are sent with pg_notify on the normal pool and received on a session of their own
// (db::Listener). A NOTIFY payload must be shorter than 8000 bytes: a bigger message is stored in the
// realtime_relay_events table in the same statement that notifies "@<origin>:<row id>", and the
// other processes read the row by id; rows older than a minute are deleted as new ones arrive.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <mutex>
#include <string>

#include "platform/db/database.hpp"
#include "platform/db/listener.hpp"
#include "platform/realtime/relay.hpp"
#include "platform/realtime/relay_message.hpp"

namespace superapp::platform::realtime {

/// The NOTIFY channel every `serve` process of one database uses.
inline constexpr const char* kPgChannel = "superapp_events";

class PgRelay final : public Relay {
  public:
    /// Messages waiting to be sent at most (a broadcast's batch is one); more are dropped and their
    /// events counted.
    static constexpr std::size_t kMaxQueued = 10'000;
    /// The longest message sent inline in a NOTIFY payload (PostgreSQL's limit is under 8000 bytes).
    static constexpr std::size_t kMaxInlineBytes = 7999;

    /// Runs on `ctx`, which one thread runs and whose thread serves `db` (a shard). `listen` says where
    /// the listening session connects (the pool's settings). Throws std::invalid_argument on a malformed
    /// conninfo.
    PgRelay(EventBus& bus, db::Database& db, boost::asio::io_context& ctx, const db::PoolOptions& listen,
            std::string channel = kPgChannel);

    void start() override;
    void send(std::span<const Event> events) override;
    /// Returns at once; the relay's coroutines end on `ctx` soon after. The relay must outlive them:
    /// destroy it after `ctx` has run them to the end or has stopped for good.
    void stop() override;
    const std::string& origin() const override { return origin_; }
    const RelayCounters& counters() const override { return counters_; }

  private:
    static boost::asio::awaitable<void> listen_loop(PgRelay* self);
    static boost::asio::awaitable<void> send_loop(PgRelay* self);
    boost::asio::awaitable<void> handle(std::string payload);
    boost::asio::awaitable<void> notify(QueuedMessage message);
    bool stopping();

    EventBus& bus_;
    db::Database& db_;
    boost::asio::io_context& ctx_;
    std::string channel_;
    std::string origin_;
    RelayCounters counters_;
    db::Listener listener_;           // ctx's thread only
    boost::asio::steady_timer wake_;  // ctx's thread only: send_loop waits on it for work
    bool send_failing_ = false;       // ctx's thread only: log a run of failed sends once

    std::mutex mutex_;  // guards the two below
    std::deque<QueuedMessage> queue_;
    bool stopping_ = false;
};

}  // namespace superapp::platform::realtime
