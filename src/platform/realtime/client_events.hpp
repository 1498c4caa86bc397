#pragma once
// What the application sees of Socket.IO sockets: the events clients emit, the rooms they join, and
// the acknowledgements the server asks them for.
#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace superapp::platform::realtime {

class SocketContext;

/// What came back for an event the server emitted asking for an acknowledgement.
struct Ack {
    enum class Outcome { acknowledged, timed_out, disconnected };
    Outcome outcome = Outcome::acknowledged;
    /// The client's arguments (may hold socket_io::binary() values); empty unless acknowledged.
    boost::json::array args;
};

/// Called exactly once, on the socket's shard: with the socket (valid during the call) when the client
/// acknowledged or the time ran out, with null when the socket disconnected first.
using AckHandler = std::function<void(SocketContext* socket, Ack ack)>;

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
    /// Sends an event that asks the client for an acknowledgement; `handler` gets its arguments, or
    /// hears that none came within `timeout` or that the socket went first.
    virtual void emit_with_ack(std::string_view event, boost::json::array args, std::chrono::milliseconds timeout,
                               AckHandler handler) = 0;
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
