#pragma once
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace boost::asio {
class io_context;
}

namespace superapp::platform::http {

class Pipeline;
class Metrics;
class ConnectionHandler;

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;  ///< 0 picks a free port
    int io_threads = 1;
    std::size_t max_body_bytes = 1024 * 1024;
    std::size_t max_header_bytes = 16 * 1024;
    std::chrono::milliseconds request_timeout{10'000};
    std::chrono::milliseconds idle_timeout{60'000};
    std::chrono::milliseconds shutdown_grace{10'000};
    int max_connections = 10'000;
    /// BodyKind::file routes: where their bodies are streamed, and the deadline for reading one.
    std::filesystem::path spool_dir = "var/uploads/.incoming";
    std::chrono::milliseconds upload_timeout{600'000};
};

/// The HTTP/1.1 server: one single-threaded io_context ("shard") per io thread, one coroutine
/// per connection. Connections are accepted on shard 0 and handed round-robin to the shards;
/// after that a connection and everything it awaits stay on its shard's thread.
class Server {
  public:
    Server(ServerOptions options, Pipeline& pipeline, Metrics& metrics);
    ~Server();

    /// Binds and listens; returns the bound port. Throws std::system_error on failure.
    std::uint16_t listen();

    /// The io_context of shard i (0 <= i < io_threads), for per-shard resources such as DB pools.
    boost::asio::io_context& shard(int i);
    int shard_count() const;

    /// Runs every shard until shutdown completes; blocks the calling thread, which becomes
    /// shard 0. `on_thread_start(i)` runs first on each shard's thread. `on_drained()` runs once on
    /// shard 0 after every connection is closed, while all shards still run (close DB pools there).
    void run(std::function<void(int)> on_thread_start, std::function<boost::asio::awaitable<void>()> on_drained);

    /// Starts a graceful shutdown from any thread: stop accepting, close idle connections, let
    /// requests in flight finish for up to shutdown_grace, then close the rest.
    void stop();

    /// Hands the requests whose path `handler` handles to it instead of the pipeline (Socket.IO).
    /// Call before run(); the handler outlives the server's run().
    void set_connection_handler(ConnectionHandler* handler);

    struct Impl;  ///< opaque outside server.cpp

  private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace superapp::platform::http
