#include "platform/realtime/server/session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include "platform/core/log.hpp"
#include "platform/realtime/server/shard.hpp"

namespace superapp::platform::realtime {

namespace asio = boost::asio;
namespace eio = engine_io;
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

}  // namespace

struct Session::TimerFired {
    std::weak_ptr<Session> session;
    void operator()(boost::system::error_code ec) const {
        if (ec) return;
        if (auto s = session.lock()) s->on_timer();
    }
};

struct Session::WriteDone {
    std::shared_ptr<Session> session;
    void operator()(boost::system::error_code ec, std::size_t) const { session->on_written(ec); }
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
    if (closed_ || overflowed_) return;
    eio::Outbox& out = transport_ == Transport::websocket ? ws_out_ : poll_out_;
    out.push(std::move(frame));
    if (out.bytes() > shard_.core.settings.send_queue_limit) {
        // A client that does not read: close it, after the caller is done (it may be walking a room).
        overflowed_ = true;
        asio::post(shard_.io, [self = shared_from_this()] { self->close("send queue full"); });
        return;
    }
    if (transport_ == Transport::websocket)
        flush_websocket();
    else
        wake_poll();
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
        ws_->next_layer().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
        ws_->next_layer().close(ec);
    }
    poll_out_.clear();
    ws_out_.clear();
    shard_.sessions.erase(sid_);
    shard_.core.limits.close(ip_);
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

void Session::receive_frame(const WebSocket* ws, std::string_view data, bool binary) {
    if (closed_ || ws != ws_.get()) return;
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
    ws_.reset();  // a probe that failed: the session goes on polling
    ws_out_.clear();
}

void Session::flush_websocket() {
    if (!ws_ || ws_writing_ || ws_out_.empty() || closed_) return;
    ws_writing_ = true;
    const eio::Frame& frame = ws_out_.front();
    ws_->binary(frame.binary);
    ws_->async_write(asio::buffer(frame.bytes), WriteDone{shared_from_this()});
}

void Session::on_written(boost::system::error_code ec) {
    ws_writing_ = false;
    if (closed_) return;
    if (ec) {
        close("transport error");
        return;
    }
    ws_out_.pop();
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

asio::awaitable<void> read_websocket(std::shared_ptr<Session> session, std::shared_ptr<WebSocket> ws) {
    boost::beast::flat_buffer buffer;
    for (;;) {
        auto [ec, n] = co_await ws->async_read(buffer, as_tuple_awaitable);
        (void)n;
        if (ec || session->closed()) break;
        const std::string_view data(static_cast<const char*>(buffer.data().data()), buffer.size());
        session->receive_frame(ws.get(), data, ws->got_binary());
        buffer.clear();
        buffer.shrink_to_fit();  // an idle connection keeps no read buffer
    }
    session->websocket_ended(ws.get());
}

}  // namespace superapp::platform::realtime
