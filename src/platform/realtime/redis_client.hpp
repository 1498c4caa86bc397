#pragma once
// A synchronous hiredis connection for the relay's own threads. Every call blocks (bounded by the
// timeout, except next_message): never use it on an io thread.
#include <chrono>
#include <initializer_list>
#include <string>
#include <string_view>

struct redisContext;

namespace superapp::platform::realtime {

/// Where Redis is, from REDIS_URL: redis://[[user]:password@]host[:port][/db]. Pub/sub channels are
/// shared by all databases, so the db number is accepted and not used.
struct RedisAddress {
    std::string host;
    int port = 6379;
    std::string user;
    std::string password;
};

/// Returns the address in `url`. Throws std::invalid_argument naming what is wrong.
RedisAddress parse_redis_url(std::string_view url);

class RedisClient {
  public:
    /// Connects (resolving the host, blocking), authenticates and names the connection `name` (CLIENT
    /// SETNAME: what CLIENT LIST shows; no spaces); `timeout` bounds the connect and each later command.
    /// Throws std::runtime_error.
    RedisClient(const RedisAddress& address, std::chrono::milliseconds timeout, std::string_view name);
    ~RedisClient();
    RedisClient(const RedisClient&) = delete;
    RedisClient& operator=(const RedisClient&) = delete;

    /// PUBLISH channel payload. Throws std::runtime_error; the client is unusable afterwards.
    void publish(std::string_view channel, std::string_view payload);
    /// SUBSCRIBE channel, then lifts the read timeout so next_message() waits as long as it takes.
    /// Throws std::runtime_error.
    void subscribe(std::string_view channel);
    /// Blocks until a message arrives on the subscribed channel and returns its payload. Throws
    /// std::runtime_error when the connection is lost or interrupt() was called.
    std::string next_message();
    /// Shuts the socket down so that a call blocked in another thread fails at once. Any thread, while
    /// the client is alive.
    void interrupt();

  private:
    /// Runs a command given as arguments; throws std::runtime_error naming `what` on any failure.
    void command(const char* what, std::initializer_list<std::string_view> args);

    redisContext* c_;
};

}  // namespace superapp::platform::realtime
