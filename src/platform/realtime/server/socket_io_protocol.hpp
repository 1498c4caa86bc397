#pragma once
// Socket.IO v5 on one Engine.IO session: namespace CONNECT (with the access token), DISCONNECT, events
// and acknowledgements, binary attachments, rooms. Internal to platform/realtime/server; shard thread.
#include <boost/json/value.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "platform/realtime/client_events.hpp"
#include "platform/realtime/engine_io/outbox.hpp"
#include "platform/realtime/server/session.hpp"
#include "platform/realtime/socket_io/packet.hpp"

namespace superapp::platform::realtime {

/// The Engine.IO frames of one Socket.IO packet: its text message, then each attachment.
std::vector<engine_io::SharedFrame> encode_frames(const socket_io::Packet& packet);

class SocketIoProtocol;

/// A socket: one namespace connected over a session.
class Socket final : public SocketContext {
  public:
    Socket(Session& session, std::string id, std::string nsp, std::string user_id);
    /// Tells each handler still waiting for an acknowledgement that the socket went (posted to the shard).
    ~Socket() override;
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;

    const std::string& nsp() const override { return nsp_; }
    const std::string& user_id() const override { return user_id_; }
    void join(const std::string& room) override;
    void leave(const std::string& room) override;
    std::span<const std::string> rooms() const override;
    void emit(std::string_view event, boost::json::array args) override;
    /// Ack ids count up from 0 per socket.
    void emit_with_ack(std::string_view event, boost::json::array args, std::chrono::milliseconds timeout,
                       AckHandler handler) override;

    const std::string& id() const { return id_; }
    Session& session() const { return session_; }
    void send(const socket_io::Packet& packet);
    /// An ACK or BINARY_ACK from the client: the handler waiting for `id` gets `args`. An id nothing
    /// waits for (answered already, timed out, never asked) is ignored, as the Node server does.
    void on_ack(std::uint64_t id, boost::json::array args);

  private:
    struct AwaitedAcks;
    struct AckTimedOut;
    /// Hands the outcome of ack `id` to its handler, once: the client's answer or the timeout.
    void settle_ack(std::uint64_t id, Ack ack);

    Session& session_;
    std::string id_;
    std::string nsp_;
    std::string user_id_;
    std::shared_ptr<AwaitedAcks> acks_;  // made by the first emit_with_ack; its timers hold it weakly
};

class SocketIoProtocol final : public Protocol {
  public:
    void on_message(Session& session, const engine_io::Packet& message) override;
    void on_close(Session& session) override;

    /// Ends a namespace CONNECT once its token is checked: the socket on success (user_id empty without
    /// authentication), else CONNECT_ERROR with `refusal`.
    void finish_connect(Session& session, const std::string& nsp, const std::optional<std::string>& user_id,
                        const boost::json::value& auth, std::string_view refusal);

  private:
    void on_packet(Session& session, socket_io::Packet& packet);
    void on_event(Socket& socket, socket_io::Packet& packet);
    Socket* socket_for(const std::string& nsp);
    void remove(const std::string& nsp);

    socket_io::Decoder decoder_;
    std::vector<std::unique_ptr<Socket>> sockets_;  // usually one: "/"
    std::vector<std::string> connecting_;           // namespaces whose token is being checked
};

/// The conformance mode's bare Engine.IO echo: every message goes back unchanged.
class EchoProtocol final : public Protocol {
  public:
    void on_message(Session& session, const engine_io::Packet& message) override;
    void on_close(Session&) override {}
};

}  // namespace superapp::platform::realtime
