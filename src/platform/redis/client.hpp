#pragma once
// A Redis client for io threads: hiredis's async API on a connection of its own, run by one thread
// of its own (asio_adapter.hpp), awaited from any io thread without blocking it. Every call is
// bounded by the timeout; a lost connection is made again by a later call (at most one attempt per
// kRetryDelay); a Redis that is down makes calls throw Unavailable, which callers treat as a miss.
// The client logs once when Redis becomes unavailable and once when it is back, not per call.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "platform/realtime/redis_client.hpp"

struct redisAsyncContext;

namespace superapp::platform::redis {

using realtime::parse_redis_url;
using realtime::RedisAddress;

/// Redis did not answer (down, unreachable, timed out, refused the command).
class Unavailable : public std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// A reply, copied out of hiredis.
struct Reply {
    int type = 0;      ///< REDIS_REPLY_*
    std::string text;  ///< string, status and error replies
    long long integer = 0;
    std::vector<Reply> elements;
};

inline constexpr std::chrono::milliseconds kRetryDelay{500};

class Client {
  public:
    /// Connects on the first call. `name` is what CLIENT LIST shows (no spaces).
    Client(RedisAddress address, std::chrono::milliseconds timeout, std::string name);
    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    /// GET key: nullopt when there is no such key. Throws Unavailable.
    boost::asio::awaitable<std::optional<std::string>> get(std::string key);
    /// MGET keys: one entry per key, nullopt where there is none. Throws Unavailable.
    boost::asio::awaitable<std::vector<std::optional<std::string>>> mget(std::vector<std::string> keys);
    /// SET key value PX ttl. Throws Unavailable.
    boost::asio::awaitable<void> set(std::string key, std::string value, std::chrono::milliseconds ttl);
    /// DEL keys. Throws Unavailable.
    boost::asio::awaitable<void> del(std::vector<std::string> keys);
    /// Runs any command (`args` as sent: name then arguments). Throws Unavailable, also when Redis
    /// answers with an error.
    boost::asio::awaitable<Reply> command(std::vector<std::string> args);
    /// Sends a command without waiting for its answer (nor reporting a failure), ahead of any call
    /// made after this returns. Any thread.
    void send(std::vector<std::string> args);

  private:
    boost::asio::awaitable<Reply> run(std::vector<std::string> args);
    /// Queues `args` on the connection (making one if there is none). Throws Unavailable.
    void submit(const std::vector<std::string>& args, void (*callback)(redisAsyncContext*, void*, void*),
                void* privdata);
    void connect();
    void drop_connection();
    /// Holds off connecting for kRetryDelay; logs when Redis was available until now.
    void failed(const std::string& what);
    void answered();

    const RedisAddress address_;
    const std::chrono::milliseconds timeout_;
    const std::string name_;
    boost::asio::io_context io_{1};
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
    // The rest is used only on the client's thread.
    redisAsyncContext* ac_ = nullptr;
    std::chrono::steady_clock::time_point retry_at_{};
    bool down_ = false;
    std::thread thread_;
};

}  // namespace superapp::platform::redis
