#pragma once
// One Engine.IO session on its shard: its transport (long-polling, WebSocket, or polling while a
// WebSocket probes its upgrade), its heartbeat, its send queue, and the protocol on top. Internal to
// platform/realtime/server; its shard's thread only.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "platform/realtime/engine_io/heartbeat.hpp"
#include "platform/realtime/engine_io/outbox.hpp"
#include "platform/realtime/engine_io/packet.hpp"

namespace superapp::platform::realtime {

struct ShardState;
class Session;

using WebSocket = boost::beast::websocket::stream<boost::asio::ip::tcp::socket>;

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

    /// Queues a frame on the active transport; closes the session when its queue is over the limit.
    void send(engine_io::SharedFrame frame);
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
    /// Handles one frame read from `ws`.
    void receive_frame(const WebSocket* ws, std::string_view data, bool binary);
    /// `ws` stopped reading: a failed probe is dropped, a failed transport closes the session.
    void websocket_ended(const WebSocket* ws);

  private:
    void on_packet(const engine_io::Packet& packet, bool from_probe);
    void finish_upgrade();
    void flush_websocket();
    void on_written(boost::system::error_code ec);
    void arm_timer();
    void on_timer();
    void wake_poll();

    struct TimerFired;
    struct WriteDone;

    ShardState& shard_;
    std::string sid_;
    std::string ip_;
    Transport transport_;
    bool closed_ = false;
    bool overflowed_ = false;  // closing: the send queue went over its limit
    bool poll_waiting_ = false;
    bool ws_writing_ = false;
    engine_io::Heartbeat heartbeat_;
    boost::asio::steady_timer timer_;
    std::unique_ptr<boost::asio::steady_timer> poll_timer_;  // polling sessions only
    std::unique_ptr<Protocol> protocol_;
    engine_io::Outbox poll_out_;
    engine_io::Outbox ws_out_;
    std::shared_ptr<WebSocket> ws_;
};

/// Reads frames from a session's WebSocket until it fails or closes, then tells the session.
boost::asio::awaitable<void> read_websocket(std::shared_ptr<Session> session, std::shared_ptr<WebSocket> ws);

}  // namespace superapp::platform::realtime
