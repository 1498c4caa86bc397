#pragma once
// Socket.IO v5 on one Engine.IO session: namespace CONNECT (with the access token), DISCONNECT, events
// and acknowledgements, binary attachments, rooms. Internal to platform/realtime/server; shard thread.
#include <boost/json/value.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "platform/http/request.hpp"
#include "platform/realtime/client_events.hpp"
#include "platform/realtime/engine_io/outbox.hpp"
#include "platform/realtime/server/event_rate.hpp"
#include "platform/realtime/server/session.hpp"
#include "platform/realtime/socket_io/packet.hpp"

namespace superapp::platform::realtime {

/// The Engine.IO frames of one Socket.IO packet: its text message, then each attachment.
std::vector<engine_io::SharedFrame> encode_frames(const socket_io::Packet& packet);

class SocketIoProtocol;

/// The Socket.IO event a socket gets when the server ends it, before its DISCONNECT:
/// {reason, code} (docs/openapi.yaml, x-socket-events).
inline constexpr std::string_view kSessionEnded = "session_ended";
/// The client event that hands a socket a fresh access token before its own expires.
inline constexpr std::string_view kAuthenticate = "authenticate";

/// A socket: one namespace connected over a session, with the token it authenticated with.
class Socket final : public SocketContext {
  public:
    /// `principal`: the token's; an empty user id without authentication (conformance). A socket
    /// with a token expiry is ended (token_expired) when it passes, unless re-authenticated.
    Socket(SocketIoProtocol& protocol, Session& session, std::string id, std::string nsp, http::Principal principal);
    /// Tells each handler still waiting for an acknowledgement that the socket went (posted to the shard).
    ~Socket() override;
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;

    const std::string& nsp() const override { return nsp_; }
    const std::string& user_id() const override { return principal_.user_id; }
    void join(const std::string& room) override;
    void leave(const std::string& room) override;
    std::span<const std::string> rooms() const override;
    void emit(std::string_view event, boost::json::array args) override;
    /// Ack ids count up from 0 per socket.
    void emit_with_ack(std::string_view event, boost::json::array args, std::chrono::milliseconds timeout,
                       AckHandler handler) override;

    const std::string& id() const { return id_; }
    Session& session() const { return session_; }
    SocketIoProtocol& protocol() const { return protocol_; }
    const http::Principal& principal() const { return principal_; }
    /// Takes a fresh token's principal (same user): its family's room and its expiry.
    void set_principal(http::Principal principal);
    void send(const socket_io::Packet& packet);
    /// An ACK or BINARY_ACK from the client: the handler waiting for `id` gets `args`. An id nothing
    /// waits for (answered already, timed out, never asked) is ignored, as the Node server does.
    void on_ack(std::uint64_t id, boost::json::array args);

  private:
    struct AwaitedAcks;
    struct AckTimedOut;
    struct Expiry;
    struct Expired;
    void arm_expiry();
    /// Hands the outcome of ack `id` to its handler, once: the client's answer or the timeout.
    void settle_ack(std::uint64_t id, Ack ack);

    SocketIoProtocol& protocol_;
    Session& session_;
    std::string id_;
    std::string nsp_;
    http::Principal principal_;
    std::shared_ptr<AwaitedAcks> acks_;  // made by the first emit_with_ack; its timers hold it weakly
    std::shared_ptr<Expiry> expiry_;     // the token's expiry timer, which holds it weakly
};

/// The room of the sockets authenticated with a token of one login (refresh family).
std::string family_room(std::string_view family_id);

class SocketIoProtocol final : public Protocol {
  public:
    void on_message(Session& session, const engine_io::Packet& message) override;
    void on_close(Session& session) override;

    /// Ends a namespace CONNECT once its token is checked: the socket on success (an empty user id
    /// without authentication), else CONNECT_ERROR with `refusal`.
    void finish_connect(Session& session, const std::string& nsp, const std::optional<http::Principal>& principal,
                        const boost::json::value& auth, std::string_view refusal);
    /// Ends a socket the server no longer serves: emits session_ended {reason, code}, sends its
    /// namespace's DISCONNECT and takes it out of its rooms. `socket` is gone when this returns.
    void end(Socket& socket, std::string_view reason, std::string_view code);
    Socket* socket_for(const std::string& nsp);

  private:
    void on_packet(Session& session, socket_io::Packet& packet);
    void on_event(Socket& socket, socket_io::Packet& packet);
    /// Whether an event may run under the connection's rate (SIO_EVENTS_PER_SECOND). A refused one is
    /// acknowledged with {ok: false, error: {code: "RATE_LIMITED", message: "rate limited"}} when it
    /// asks for an ack, else dropped; a flooding connection is closed (`socket` is gone then).
    bool admit_event(Socket& socket, const socket_io::Packet& packet);
    void remove(const std::string& nsp);

    socket_io::Decoder decoder_;
    std::vector<std::unique_ptr<Socket>> sockets_;  // usually one: "/"
    std::vector<std::string> connecting_;           // namespaces whose token is being checked
    std::optional<EventRate> event_rate_;           // made by the first event, from the settings
};

/// The conformance mode's bare Engine.IO echo: every message goes back unchanged.
class EchoProtocol final : public Protocol {
  public:
    void on_message(Session& session, const engine_io::Packet& message) override;
    void on_close(Session&) override {}
};

}  // namespace superapp::platform::realtime
