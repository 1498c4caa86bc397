#pragma once
// A handler that serves the paths under a prefix below the middleware, at the connection level:
// the Socket.IO server answers long-polling requests itself and takes WebSocket connections over.
#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "platform/http/beast_message.hpp"

namespace superapp::platform::http {

/// Keeps a connection that a handler took over from the server counted as open (MAX_CONNECTIONS, the
/// shutdown's wait) until the lease is destroyed.
class ConnectionLease {
  public:
    virtual ~ConnectionLease() = default;
};

/// One request on a connection, as the server hands it to a ConnectionHandler.
struct Connection {
    boost::beast::tcp_stream& stream;
    BeastRequest& request;       ///< header and body
    std::string_view client_ip;  ///< the peer's address
    bool keep_alive;             ///< whether the server would keep this connection (the client asked, not stopping)
    /// For a handler that keeps the socket beyond serve() (it moves it out of `stream`): the lease
    /// that counts it while the server forgets the connection once serve() returns false.
    std::function<std::unique_ptr<ConnectionLease>()> take_over;
};

class ConnectionHandler {
  public:
    virtual ~ConnectionHandler() = default;
    /// Whether the decoded path is one this handler serves. Any thread.
    virtual bool handles(std::string_view path) const = 0;
    /// The largest request body accepted on these paths. Any thread.
    virtual std::size_t max_body_bytes() const = 0;
    /// Answers the request on the connection's shard. The stream's deadline is the handler's to set.
    /// Returns whether the server may read another request from the connection; false when the
    /// handler closed it or took it over (then it returns once it is done with it).
    virtual boost::asio::awaitable<bool> serve(Connection connection) = 0;
    /// Closes everything the handler holds open, for a shutdown. Any thread; returns at once.
    virtual void stop() = 0;
};

}  // namespace superapp::platform::http
