#include "platform/realtime/server/session.hpp"

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "platform/core/log.hpp"
#include "platform/realtime/server/shard.hpp"

namespace superapp::platform::realtime {

namespace asio = boost::asio;
namespace eio = engine_io;
namespace ws = websocket;
using tcp = asio::ip::tcp;
constexpr auto as_tuple_awaitable = asio::as_tuple(asio::use_awaitable);

namespace {

// The fixed packets the server sends, encoded once per thread.
const eio::SharedFrame& ping_frame() {
    thread_local const eio::SharedFrame frame = eio::text_frame({eio::PacketType::ping, ""});
    return frame;
}
const eio::SharedFrame& probe_pong_frame() {
    thread_local const eio::SharedFrame frame = eio::text_frame({eio::PacketType::pong, "probe"});
    return frame;
}
const eio::SharedFrame& noop_frame() {
    thread_local const eio::SharedFrame frame = eio::text_frame({eio::PacketType::noop, ""});
    return frame;
}

// Frames gathered into one write at most (two buffers each: header and bytes).
constexpr std::size_t kGatherFrames = 16;

ws::Opcode opcode_of(const eio::Frame& frame) { return frame.binary ? ws::Opcode::binary : ws::Opcode::text; }

// What is read from a WebSocket at once; a thread's, used between two waits only.
std::array<char, 16384>& read_buffer() {
    thread_local std::array<char, 16384> buffer;
    return buffer;
}

}  // namespace

struct Session::TimerFired {
    std::weak_ptr<Session> session;
    void operator()(boost::system::error_code ec) const {
        if (ec) return;
        if (auto s = session.lock()) s->on_timer();
    }
};

struct Session::Writable {
    std::shared_ptr<Session> session;
    const WebSocket* ws;
    void operator()(boost::system::error_code ec) const { session->on_writable(ws, ec); }
};

Session::Session(ShardState& shard, std::string sid, std::string ip, Transport transport)
    : shard_(shard),
      sid_(std::move(sid)),
      ip_(std::move(ip)),
      transport_(transport),
      heartbeat_(shard.core.settings.ping_interval, shard.core.settings.ping_timeout,
                 shard.core.settings.connect_timeout, eio::Heartbeat::Clock::now()),
      timer_(shard.io) {
    if (transport == Transport::polling) poll_timer_ = std::make_unique<asio::steady_timer>(shard.io);
}

Session::~Session() = default;

void Session::start(bool connected) {
    if (connected) heartbeat_.on_connected();
    arm_timer();
}

void Session::arm_timer() {
    timer_.expires_at(heartbeat_.next_wakeup());
    timer_.async_wait(TimerFired{weak_from_this()});
}

void Session::on_timer() {
    if (closed_) return;
    for (;;) {
        switch (heartbeat_.due(eio::Heartbeat::Clock::now())) {
            case eio::Heartbeat::Action::none: arm_timer(); return;
            case eio::Heartbeat::Action::send_ping:
                send(ping_frame());
                if (closed_) return;
                break;
            case eio::Heartbeat::Action::close_ping_timeout: close("ping timeout"); return;
            case eio::Heartbeat::Action::close_connect_timeout: close("connect timeout"); return;
        }
    }
}

void Session::send(eio::SharedFrame frame) {
    if (closed_ || closing_) return;
    eio::Outbox& out = transport_ == Transport::websocket ? ws_out_ : poll_out_;
    out.push(std::move(frame));
    if (out.bytes() > shard_.core.settings.send_queue_limit) {
        close_soon("send queue full");  // a client that does not read
        return;
    }
    if (transport_ == Transport::websocket)
        flush_websocket();
    else
        wake_poll();
}

void Session::close_soon(std::string_view reason) {
    // After the caller is done: it may be walking a room this session leaves when it closes.
    closing_ = true;
    asio::post(shard_.io, [self = shared_from_this(), reason] { self->close(reason); });
}

void Session::close(std::string_view reason) {
    if (closed_) return;
    closed_ = true;
    core::log::debug("socket.io session closed", {{"sid", sid_}, {"reason", reason}});
    // Keeps this alive while it is taken out of its shard.
    auto self = shared_from_this();
    if (protocol_) protocol_->on_close(*this);
    timer_.cancel();
    wake_poll();
    if (ws_) {
        boost::system::error_code ec;
        ws_->socket.shutdown(tcp::socket::shutdown_both, ec);
        ws_->socket.close(ec);
    }
    poll_out_.clear();
    ws_out_.clear();
    shard_.sessions.erase(sid_);
    shard_.core.limits.close(ip_, IpLimits::Clock::now());
}

// --- long-polling -----------------------------------------------------------------------------------

void Session::wake_poll() {
    if (poll_waiting_) poll_timer_->cancel();
}

asio::awaitable<std::string> Session::poll() {
    auto self = shared_from_this();
    if (poll_out_.empty() && !closed_) {
        poll_waiting_ = true;
        // Pings come every ping interval, so a GET waits no longer than that; the deadline is a backstop.
        poll_timer_->expires_after(shard_.core.settings.ping_interval + shard_.core.settings.ping_timeout);
        co_await poll_timer_->async_wait(as_tuple_awaitable);
        poll_waiting_ = false;
    }
    if (closed_) co_return eio::encode_text({eio::PacketType::close, ""});
    if (poll_out_.empty()) co_return eio::encode_text({eio::PacketType::noop, ""});
    co_return poll_out_.take_payload();
}

bool Session::receive_payload(std::string_view body) {
    auto payload = eio::decode_payload(body, shard_.core.settings.max_payload);
    if (!payload) {
        close(eio::describe(payload.error));
        return false;
    }
    for (const auto& packet : payload.packets) {
        if (closed_) break;
        on_packet(packet, false);
    }
    return true;
}

// --- WebSocket --------------------------------------------------------------------------------------

void Session::attach_websocket(std::shared_ptr<WebSocket> ws) {
    ws_ = std::move(ws);
    flush_websocket();
}

bool Session::receive_websocket(const WebSocket* ws, char* bytes, std::size_t size) {
    if (closed_ || ws != ws_.get()) return false;
    bool stopped = false;
    const ws::Reader::Handler handler = [this, &stopped](const ws::Message& m) {
        stopped = !on_websocket_message(m);
        return !stopped;
    };
    const ws::ReadError error = ws_->reader.feed(bytes, size, handler);
    if (error != ws::ReadError::none) {
        const bool too_big = error == ws::ReadError::too_big;
        core::log::debug("socket.io websocket refused", {{"sid", sid_}, {"error", too_big ? "too big" : "protocol"}});
        // Says why before the connection closes, if the socket takes it now.
        send_control(ws::frame(ws::Opcode::close,
                               ws::close_payload(too_big ? ws::CloseCode::too_big : ws::CloseCode::protocol_error)));
        return false;
    }
    return !stopped && !closed_ && ws == ws_.get();
}

bool Session::on_websocket_message(const ws::Message& message) {
    switch (message.opcode) {
        case ws::Opcode::text:
        case ws::Opcode::binary: receive_frame(message.data, message.opcode == ws::Opcode::binary); break;
        case ws::Opcode::ping: send_control(ws::frame(ws::Opcode::pong, message.data)); break;
        case ws::Opcode::close:
            // Answers with the client's status code (or 1002/1007 for a bad close frame), if the socket
            // takes it now, and reads no more.
            send_control(ws::frame(ws::Opcode::close, ws::close_reply(message.data)));
            return false;
        case ws::Opcode::pong:
        case ws::Opcode::continuation: break;
    }
    return !closed_;
}

void Session::send_control(std::string frame) {
    // One control frame waits at most: a newer one replaces it unless it is half-written (then the
    // newer one is dropped; a client that pings again gets the next pong).
    if (!ws_control_started_) ws_control_ = std::move(frame);
    flush_websocket();
}

void Session::receive_frame(std::string_view data, bool binary) {
    auto decoded = eio::decode(data, binary, shard_.core.settings.max_payload);
    if (!decoded) {
        close(eio::describe(decoded.error));
        return;
    }
    on_packet(*decoded.packet, transport_ == Transport::polling);
}

void Session::websocket_ended(const WebSocket* ws) {
    if (ws != ws_.get()) return;
    if (transport_ == Transport::websocket) {
        close("transport close");
        return;
    }
    // A probe that failed: the session goes on polling.
    boost::system::error_code ec;
    ws_->socket.close(ec);  // ends a wait to write on it
    ws_.reset();
    ws_out_.clear();
    ws_written_ = 0;
    ws_control_ = {};
    ws_control_started_ = false;
    ws_waiting_ = false;
}

// Writes what waits, without blocking: a control frame first unless a message is half-written, then
// the queued frames, up to kGatherFrames in one gather write. What the socket does not take waits for
// it to be writable again.
void Session::flush_websocket() {
    if (!ws_ || ws_waiting_ || closed_ || closing_) return;
    while (!ws_out_.empty() || !ws_control_.empty()) {
        std::array<ws::Header, kGatherFrames> headers;
        std::array<asio::const_buffer, 2 * kGatherFrames + 1> buffers;
        std::size_t count = 0;
        const bool control_first = !ws_control_.empty() && (ws_written_ == 0 || ws_control_started_);
        if (control_first) buffers[count++] = asio::buffer(ws_control_);
        for (std::size_t i = 0; i < ws_out_.size() && i < kGatherFrames; ++i) {
            const eio::Frame& frame = ws_out_.at(i);
            headers[i] = ws::header(opcode_of(frame), frame.bytes.size());
            buffers[count++] = asio::buffer(headers[i].view());
            buffers[count++] = asio::buffer(frame.bytes);
        }
        // Skips what was written of the first frame.
        std::size_t skip = ws_written_;
        std::size_t first = 0;
        while (skip > 0 && skip >= buffers[first].size()) skip -= buffers[first++].size();
        buffers[first] += skip;

        boost::system::error_code ec;
        const std::size_t n =
            ws_->socket.write_some(std::span<const asio::const_buffer>(buffers.data() + first, count - first), ec);
        if (ec == asio::error::would_block || ec == asio::error::try_again) break;
        if (ec) {
            close_soon("transport error");
            return;
        }
        consume_written(n);
    }
    if (ws_out_.empty() && ws_control_.empty()) return;
    ws_waiting_ = true;
    ws_->socket.async_wait(tcp::socket::wait_write, Writable{shared_from_this(), ws_.get()});
}

// Counts `n` written bytes against the control frame, then the queued frames, dropping what is done.
void Session::consume_written(std::size_t n) {
    if (!ws_control_.empty() && (ws_written_ == 0 || ws_control_started_)) {
        const std::size_t left = ws_control_.size() - ws_written_;
        if (n < left) {
            ws_written_ += n;
            ws_control_started_ = true;
            return;
        }
        n -= left;
        ws_control_ = {};
        ws_control_started_ = false;
        ws_written_ = 0;
    }
    while (n > 0) {
        const eio::Frame& frame = ws_out_.front();
        const std::size_t left =
            ws::header(opcode_of(frame), frame.bytes.size()).size + frame.bytes.size() - ws_written_;
        if (n < left) {
            ws_written_ += n;
            return;
        }
        n -= left;
        ws_written_ = 0;
        ws_out_.pop();
    }
}

void Session::on_writable(const WebSocket* ws, boost::system::error_code ec) {
    if (ws != ws_.get()) return;  // a probe that failed
    ws_waiting_ = false;
    if (closed_) return;
    if (ec) {
        close("transport error");
        return;
    }
    flush_websocket();
}

void Session::finish_upgrade() {
    transport_ = Transport::websocket;
    poll_out_.move_to(ws_out_);
    wake_poll();  // the paused GET returns a noop
    flush_websocket();
}

void Session::on_packet(const eio::Packet& packet, bool from_probe) {
    switch (packet.type) {
        case eio::PacketType::ping:
            if (from_probe && packet.data == "probe") {
                ws_out_.push(probe_pong_frame());
                flush_websocket();
                send(noop_frame());  // lets the client's pending GET return
            } else {
                send(eio::text_frame({eio::PacketType::pong, packet.data}));
            }
            return;
        case eio::PacketType::pong: heartbeat_.on_pong(eio::Heartbeat::Clock::now()); return;
        case eio::PacketType::message:
            if (protocol_) protocol_->on_message(*this, packet);
            return;
        case eio::PacketType::close: close("client close"); return;
        case eio::PacketType::upgrade:
            if (from_probe) {
                finish_upgrade();
                return;
            }
            break;
        case eio::PacketType::noop: return;
        case eio::PacketType::open: break;
    }
    close("unexpected packet");
}

// Waits for the socket to be readable, then reads what is there into the thread's buffer: an idle
// connection holds no read buffer. At most kReadsPerWakeup reads, then it waits again behind the
// shard's other work, so that a client that never stops sending cannot hold the thread.
asio::awaitable<void> read_websocket(std::shared_ptr<Session> session, std::shared_ptr<WebSocket> ws) {
    constexpr int kReadsPerWakeup = 4;
    bool reading = true;
    while (reading) {
        auto [ec] = co_await ws->socket.async_wait(tcp::socket::wait_read, as_tuple_awaitable);
        if (ec || session->closed()) break;
        auto& buffer = read_buffer();
        for (int reads = 0; reads < kReadsPerWakeup; ++reads) {
            boost::system::error_code read_ec;
            const std::size_t n = ws->socket.read_some(asio::buffer(buffer), read_ec);
            if (read_ec == asio::error::would_block || read_ec == asio::error::try_again) break;
            if (read_ec || !session->receive_websocket(ws.get(), buffer.data(), n)) {
                reading = false;
                break;
            }
            if (n < buffer.size()) break;
        }
    }
    session->websocket_ended(ws.get());
}

}  // namespace superapp::platform::realtime
