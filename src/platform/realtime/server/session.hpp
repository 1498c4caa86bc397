#pragma once
// One Engine.IO session on its shard: its transport (long-polling, WebSocket, or polling while a
// WebSocket probes its upgrade), its heartbeat, its send queue, and the protocol on top. Internal to
// platform/realtime/server; its shard's thread only.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "platform/realtime/engine_io/heartbeat.hpp"
#include "platform/realtime/engine_io/outbox.hpp"
#include "platform/realtime/engine_io/packet.hpp"
#include "platform/realtime/websocket/frame.hpp"

namespace superapp::platform::realtime {

struct ShardState;
class Session;

/// A WebSocket after its handshake: the connection, in non-blocking mode, and the reader of its frames.
struct WebSocket {
    WebSocket(boost::asio::ip::tcp::socket s, std::size_t max_message) : socket(std::move(s)), reader(max_message) {}
    boost::asio::ip::tcp::socket socket;
    websocket::Reader reader;
};

/// What runs on top of Engine.IO: Socket.IO, or the conformance echo.
class Protocol {
  public:
    virtual ~Protocol() = default;
    /// A message packet (text or binary) from the client.
    virtual void on_message(Session& session, const engine_io::Packet& message) = 0;
    /// The session closed; leave rooms, drop state. Called once.
    virtual void on_close(Session& session) = 0;
};

enum class Transport { polling, websocket };

class Session : public std::enable_shared_from_this<Session> {
  public:
    /// A session counted in the core's IpLimits for `ip`; close() releases it.
    Session(ShardState& shard, std::string sid, std::string ip, Transport transport);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    const std::string& sid() const { return sid_; }
    ShardState& shard() const { return shard_; }
    Transport transport() const { return transport_; }
    bool closed() const { return closed_; }
    bool upgrading() const { return ws_ != nullptr && transport_ == Transport::polling; }

    void set_protocol(std::unique_ptr<Protocol> protocol) { protocol_ = std::move(protocol); }
    /// Starts the heartbeat; `connected`: no namespace CONNECT is awaited (the echo).
    void start(bool connected);
    /// A namespace connected: the connect timeout no longer applies.
    void on_connected() { heartbeat_.on_connected(); }
    /// No namespace is connected any more: the session closes after the connect timeout unless one
    /// connects again (a client cannot keep a session it may no longer use).
    void on_disconnected() {
        heartbeat_.on_disconnected(engine_io::Heartbeat::Clock::now());
        if (!closed_) arm_timer();
    }

    /// Queues a frame on the active transport and, on a WebSocket, writes what it can at once without
    /// blocking; closes the session (after the caller returns) when its queue is over the limit.
    void send(engine_io::SharedFrame frame);
    /// Whether frames wait for the WebSocket to take them.
    bool websocket_backlog() const { return ws_ != nullptr && !ws_out_.empty(); }
    /// Closes the session and its transport (idempotent).
    void close(std::string_view reason);

    // --- long-polling ---
    /// Whether a GET is waiting for packets now.
    bool poll_waiting() const { return poll_waiting_; }
    /// Answers a polling GET: waits up to a ping interval for packets and returns them as a payload.
    boost::asio::awaitable<std::string> poll();
    /// Handles a polling POST's body; false (and the session closed) when it is not a valid payload.
    bool receive_payload(std::string_view body);

    // --- WebSocket ---
    /// The session's WebSocket: its transport from the start, or (while polling) the upgrade probe.
    void attach_websocket(std::shared_ptr<WebSocket> ws);
    /// Handles bytes read from `ws`; false when it is to be read no more (the session closed, the probe
    /// failed, or the client sent a close frame or a bad frame).
    bool receive_websocket(const WebSocket* ws, char* bytes, std::size_t size);
    /// `ws` stopped reading: a failed probe is dropped, a failed transport closes the session.
    void websocket_ended(const WebSocket* ws);

  private:
    bool on_websocket_message(const websocket::Message& message);
    void send_control(std::string frame);
    void receive_frame(std::string_view data, bool binary);
    void on_packet(const engine_io::Packet& packet, bool from_probe);
    void finish_upgrade();
    void flush_websocket();
    void consume_written(std::size_t n);
    void on_writable(const WebSocket* ws, boost::system::error_code ec);
    void close_soon(std::string_view reason);
    void arm_timer();
    void on_timer();
    void wake_poll();

    struct TimerFired;
    struct Writable;

    ShardState& shard_;
    std::string sid_;
    std::string ip_;
    Transport transport_;
    bool closed_ = false;
    bool closing_ = false;  // close() is posted: the send queue went over its limit, or a write failed
    bool poll_waiting_ = false;
    bool ws_waiting_ = false;  // waiting for the WebSocket to take more bytes
    engine_io::Heartbeat heartbeat_;
    boost::asio::steady_timer timer_;
    std::unique_ptr<boost::asio::steady_timer> poll_timer_;  // polling sessions only
    std::unique_ptr<Protocol> protocol_;
    engine_io::Outbox poll_out_;
    engine_io::Outbox ws_out_;
    std::size_t ws_written_ = 0;  // bytes of the first waiting frame (control frame first) already written
    std::string ws_control_;      // a control frame to send (a pong, a close) before the next message
    bool ws_control_started_ = false;
    std::shared_ptr<WebSocket> ws_;
};

/// Reads frames from a session's WebSocket until it fails or closes, then tells the session.
boost::asio::awaitable<void> read_websocket(std::shared_ptr<Session> session, std::shared_ptr<WebSocket> ws);

}  // namespace superapp::platform::realtime
