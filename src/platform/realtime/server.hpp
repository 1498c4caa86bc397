#pragma once
// The Socket.IO server at /socket.io/: Engine.IO v4 (long-polling, WebSocket, upgrade, heartbeats) and
// Socket.IO v5 over it, inside the HTTP server as its ConnectionHandler. Each session lives on the shard
// that accepted its handshake; requests for it that reach another shard are served on its shard.
#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "platform/http/authenticator.hpp"
#include "platform/http/connection_handler.hpp"
#include "platform/realtime/client_events.hpp"
#include "platform/realtime/event_bus.hpp"
#include "platform/realtime/server/settings.hpp"

namespace superapp::platform::realtime {

/// Which sockets end_sessions ends, and why.
struct SessionEnd {
    std::string family_id;  ///< set: the sockets authenticated with a token of this login (refresh family)
    std::string user_id;    ///< else: the user's sockets whose token carries a version below below_version
    std::int64_t below_version = 0;
    std::string reason;  ///< session_ended's reason: "logged_out", "revoked", "role_changed", "account_deleted"
};

class SocketIoServer final : public http::ConnectionHandler {
  public:
    /// `shards`: the HTTP server's io_contexts, in shard order. `authenticator` checks the CONNECT's
    /// auth.token (null: no token needed, for the conformance mode). With settings.conformance the
    /// namespace /custom is open too and /engine.io/ echoes every message.
    SocketIoServer(Settings settings, std::vector<boost::asio::io_context*> shards, http::Authenticator* authenticator,
                   ClientEvents& events);
    ~SocketIoServer() override;

    bool handles(std::string_view path) const override;
    std::size_t max_body_bytes() const override;
    boost::asio::awaitable<bool> serve(http::Connection connection) override;
    void stop() override;

    /// Sends the event to every local socket in any of its rooms, each once: encodes it once, then
    /// hands it to each shard. Any thread; never blocks. Subscribe it to the EventBus.
    void deliver(const Event& event);

    /// Ends the local sockets `end` names: each gets session_ended {reason, code: "TOKEN_REVOKED"}, then
    /// its namespace's DISCONNECT, and nothing more. Any thread; never blocks (posted to every shard).
    void end_sessions(SessionEnd end);

    struct Impl;

  private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace superapp::platform::realtime
