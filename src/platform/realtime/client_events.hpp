#pragma once
// What the application sees of Socket.IO sockets: the events clients emit, and the rooms they join.
#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace superapp::platform::realtime {

/// One connected socket, as client-event handlers see it. Valid during the call; its shard only.
class SocketContext {
  public:
    virtual ~SocketContext() = default;
    /// The namespace it connected to ("/").
    virtual const std::string& nsp() const = 0;
    /// The authenticated user's id; empty when the server runs without authentication (conformance).
    virtual const std::string& user_id() const = 0;
    /// Puts the socket in a room (events published to the room reach it); again changes nothing.
    virtual void join(const std::string& room) = 0;
    virtual void leave(const std::string& room) = 0;
    /// The rooms it is in, in no order; valid until it joins or leaves one.
    virtual std::span<const std::string> rooms() const = 0;
    /// Sends an event to this socket; args may hold socket_io::binary() values.
    virtual void emit(std::string_view event, boost::json::array args) = 0;
};

/// The application's answers to what clients emit. Called on the socket's shard; must not block.
class ClientEvents {
  public:
    virtual ~ClientEvents() = default;
    /// A socket connected; `auth` is the CONNECT payload (null when there was none).
    virtual void on_connect(SocketContext& socket, const boost::json::value& auth) = 0;
    /// The client emitted `event` with `args`. Returns the acknowledgement's arguments (sent when the
    /// client asked for one), or nullopt for an event the application does not answer.
    virtual std::optional<boost::json::array> on_event(SocketContext& socket, std::string_view event,
                                                       boost::json::array& args) = 0;
};

}  // namespace superapp::platform::realtime
