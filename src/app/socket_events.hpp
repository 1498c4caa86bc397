#pragma once
// What the app answers to the events Socket.IO clients emit.
#include <chrono>
#include <cstddef>

#include "platform/realtime/client_events.hpp"

namespace superapp::app {

/// The app's client events: `subscribe` / `unsubscribe` with {video: <id>} join and leave the room
/// "video:<id>" (acknowledged with {ok: true}, or {ok: false, error: {field, message}}). A socket
/// follows at most kMaxVideoRooms videos at once: a subscribe beyond that is refused in the ack.
class AppSocketEvents final : public platform::realtime::ClientEvents {
  public:
    static constexpr std::size_t kMaxVideoRooms = 50;

    void on_connect(platform::realtime::SocketContext&, const boost::json::value&) override {}
    std::optional<boost::json::array> on_event(platform::realtime::SocketContext& socket, std::string_view event,
                                               boost::json::array& args) override;
};

/// SOCKETIO_CONFORMANCE=1, for the protocol's conformance suites: emits `auth` with the CONNECT
/// payload on connect, answers `message` with `message-back` and acknowledges `message-with-ack`,
/// each with the same arguments. Beyond the suites, `request-ack` makes the server emit
/// `ack-request` with the same arguments, asking for an acknowledgement, then emit `ack-response`
/// with the arguments the client acknowledged with (binary included), or `ack-timeout` when none
/// came within kAckTimeout.
class ConformanceSocketEvents final : public platform::realtime::ClientEvents {
  public:
    static constexpr std::chrono::milliseconds kAckTimeout{5000};

    void on_connect(platform::realtime::SocketContext& socket, const boost::json::value& auth) override;
    std::optional<boost::json::array> on_event(platform::realtime::SocketContext& socket, std::string_view event,
                                               boost::json::array& args) override;
};

}  // namespace superapp::app
