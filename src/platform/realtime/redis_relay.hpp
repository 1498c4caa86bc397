#pragma once
// The relay over Redis pub/sub (REDIS_URL set); see relay.hpp for the delivery design.
//
// It uses hiredis's synchronous API on two threads of its own (one SUBSCRIBEd connection, one that
// PUBLISHes), not hiredis's asynchronous context on an io thread: hiredis 0.14 (Debian 12) resolves
// and connects with blocking calls even in its asynchronous API and has no timers for a connect
// timeout, and the relay is one long-lived subscription plus a trickle of PUBLISHes, which two
// blocking threads carry simply; no io thread ever waits on Redis.
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "platform/realtime/redis_client.hpp"
#include "platform/realtime/relay.hpp"
#include "platform/realtime/relay_message.hpp"

namespace superapp::platform::realtime {

/// The Redis channel every `serve` process publishes to and subscribes to.
inline constexpr const char* kRedisChannel = "superapp:events";

class RedisRelay final : public Relay {
  public:
    /// Messages waiting to be published at most (a broadcast's batch is one); more are dropped and
    /// their events counted.
    static constexpr std::size_t kMaxQueued = 10'000;

    /// Throws std::invalid_argument when `redis_url` is malformed. Connects only in start().
    RedisRelay(EventBus& bus, std::string_view redis_url, std::string channel = kRedisChannel);
    ~RedisRelay() override;

    void start() override;
    void send(std::span<const Event> events) override;
    void stop() override;
    const std::string& origin() const override { return origin_; }
    const RelayCounters& counters() const override { return counters_; }

  private:
    class Attached;
    enum class Link { subscribe, publish };

    void subscribe_loop();
    void publish_loop();
    /// Publishes queued messages until stop (returns false) or a failure (returns true: reconnect).
    bool drain(RedisClient& client);
    /// Returns a connected client, retrying with backoff; null once stopping.
    std::unique_ptr<RedisClient> connect(Link link, std::chrono::milliseconds& backoff);
    /// Waits `backoff` and doubles it (up to 5 s); returns false when stopping.
    bool pause(std::chrono::milliseconds& backoff);

    EventBus& bus_;
    RedisAddress address_;
    std::string channel_;
    std::string origin_;
    RelayCounters counters_;

    std::mutex mutex_;  // guards everything below
    std::condition_variable wake_;
    bool stopping_ = false;
    bool publisher_down_ = false;  // the last connect or PUBLISH failed: send() drops
    std::deque<QueuedMessage> queue_;
    bool retry_front_ = false;           // queue_.front() already failed once
    RedisClient* subscriber_ = nullptr;  // the clients in use, for stop() to interrupt
    RedisClient* publisher_ = nullptr;
    std::thread subscriber_thread_;
    std::thread publisher_thread_;
};

}  // namespace superapp::platform::realtime
