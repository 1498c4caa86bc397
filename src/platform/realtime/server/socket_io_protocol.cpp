#include "platform/realtime/server/socket_io_protocol.hpp"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <unordered_map>

#include "platform/core/json.hpp"
#include "platform/core/log.hpp"
#include "platform/http/api_error.hpp"
#include "platform/realtime/event_bus.hpp"
#include "platform/realtime/server/shard.hpp"

namespace superapp::platform::realtime {

namespace asio = boost::asio;
namespace json = boost::json;
namespace eio = engine_io;
namespace sio = socket_io;

std::vector<eio::SharedFrame> encode_frames(const sio::Packet& packet) {
    std::vector<std::string> attachments;
    std::string text = sio::encode(packet, attachments);
    std::vector<eio::SharedFrame> frames;
    frames.reserve(1 + attachments.size());
    frames.push_back(eio::text_frame({eio::PacketType::message, std::move(text)}));
    for (auto& bytes : attachments) {
        frames.push_back(
            std::make_shared<const eio::Frame>(eio::encode({eio::PacketType::message, std::move(bytes), true})));
    }
    return frames;
}

// --- Socket -----------------------------------------------------------------------------------------

/// The acknowledgements a socket waits for, each with its handler and its timeout.
struct Socket::AwaitedAcks {
    struct Waiting {
        Waiting(AckHandler h, asio::io_context& io) : handler(std::move(h)), timer(io) {}
        AckHandler handler;
        asio::steady_timer timer;
    };
    explicit AwaitedAcks(Socket& s) : socket(s) {}
    Socket& socket;
    std::uint64_t next_id = 0;
    std::unordered_map<std::uint64_t, Waiting> waiting;
};

// A timer's wait for one ack id; the socket (and with it the table) may be gone when it fires.
struct Socket::AckTimedOut {
    std::weak_ptr<AwaitedAcks> acks;
    std::uint64_t id;
    void operator()(boost::system::error_code ec) const {
        if (ec) return;  // answered, or the socket went
        if (auto table = acks.lock()) table->socket.settle_ack(id, Ack{.outcome = Ack::Outcome::timed_out, .args = {}});
    }
};

Socket::Socket(Session& session, std::string id, std::string nsp, std::string user_id)
    : session_(session), id_(std::move(id)), nsp_(std::move(nsp)), user_id_(std::move(user_id)) {}

Socket::~Socket() {
    if (!acks_) return;
    // After the caller is done: it is tearing the session or the socket down.
    for (auto& [id, waiting] : acks_->waiting) {
        asio::post(session_.shard().io, [handler = std::move(waiting.handler)]() {
            handler(nullptr, Ack{.outcome = Ack::Outcome::disconnected, .args = {}});
        });
    }
}

void Socket::join(const std::string& room) { session_.shard().rooms.join(room, this); }

void Socket::leave(const std::string& room) { session_.shard().rooms.leave(room, this); }

std::span<const std::string> Socket::rooms() const {
    // The index is keyed by the socket's address; nothing is changed through it.
    return session_.shard().rooms.rooms_of(const_cast<Socket*>(this));
}

void Socket::emit(std::string_view event, json::array args) {
    args.insert(args.begin(), json::string(event));
    send({.type = sio::PacketType::event, .nsp = nsp_, .data = std::move(args)});
}

void Socket::emit_with_ack(std::string_view event, json::array args, std::chrono::milliseconds timeout,
                           AckHandler handler) {
    if (!acks_) acks_ = std::make_shared<AwaitedAcks>(*this);
    const std::uint64_t id = acks_->next_id;
    acks_->next_id = id == sio::kMaxAckId ? 0 : id + 1;
    const auto it = acks_->waiting.try_emplace(id, std::move(handler), session_.shard().io).first;
    it->second.timer.expires_after(timeout);
    it->second.timer.async_wait(AckTimedOut{acks_, id});
    args.insert(args.begin(), json::string(event));
    send({.type = sio::PacketType::event, .nsp = nsp_, .id = id, .data = std::move(args)});
}

void Socket::on_ack(std::uint64_t id, json::array args) {
    settle_ack(id, Ack{.outcome = Ack::Outcome::acknowledged, .args = std::move(args)});
}

void Socket::settle_ack(std::uint64_t id, Ack ack) {
    if (!acks_) return;
    auto it = acks_->waiting.find(id);
    if (it == acks_->waiting.end()) return;  // settled already, or an id this socket never asked with
    AckHandler handler = std::move(it->second.handler);
    acks_->waiting.erase(it);  // a timer still waiting ends with operation_aborted
    handler(this, std::move(ack));
}

void Socket::send(const sio::Packet& packet) {
    for (auto& frame : encode_frames(packet)) session_.send(std::move(frame));
}

// --- CONNECT ----------------------------------------------------------------------------------------

namespace {

void send_connect_error(Session& session, const std::string& nsp, std::string_view message) {
    for (auto& frame : encode_frames(
             {.type = sio::PacketType::connect_error, .nsp = nsp, .data = json::object{{"message", message}}})) {
        session.send(std::move(frame));
    }
}

// Checks the CONNECT's token on the session's shard, then lets the protocol finish the CONNECT.
asio::awaitable<void> connect_namespace(std::shared_ptr<Session> session, SocketIoProtocol* protocol, std::string nsp,
                                        json::value auth) {
    std::optional<std::string> user_id;
    std::string_view refusal = "unauthorized";
    http::Authenticator* authenticator = session->shard().core.authenticator;
    if (!authenticator) {
        user_id.emplace();
    } else if (const auto* token = auth.is_object() ? auth.as_object().if_contains("token") : nullptr;
               token && token->is_string() && !token->as_string().empty()) {
        const std::string header = "Bearer " + std::string(token->as_string());
        http::Request req;
        req.headers.emplace_back("Authorization", header);
        try {
            auto principal = co_await authenticator->authenticate(req);
            if (principal) user_id = principal->user_id;
        } catch (const http::ApiError&) {
            // a bad, expired or revoked token: unauthorized
        } catch (const std::exception& e) {
            core::log::warn("socket.io authentication failed", {{"error", e.what()}});
            refusal = "server error";
        }
    }
    if (session->closed()) co_return;
    protocol->finish_connect(*session, nsp, user_id, auth, refusal);
}

}  // namespace

void SocketIoProtocol::finish_connect(Session& session, const std::string& nsp,
                                      const std::optional<std::string>& user_id, const json::value& auth,
                                      std::string_view refusal) {
    std::erase(connecting_, nsp);
    if (!user_id) {
        send_connect_error(session, nsp, refusal);
        return;
    }
    auto& socket =
        *sockets_.emplace_back(std::make_unique<Socket>(session, make_sid(session.shard().index), nsp, *user_id));
    if (nsp == "/") {
        socket.join(kEveryone);
        if (!user_id->empty()) socket.join("user:" + *user_id);
    }
    session.on_connected();
    socket.send({.type = sio::PacketType::connect, .nsp = nsp, .data = json::object{{"sid", socket.id()}}});
    session.shard().core.events.on_connect(socket, auth);
}

// --- packets ----------------------------------------------------------------------------------------

void SocketIoProtocol::on_message(Session& session, const eio::Packet& message) {
    auto result = message.binary ? decoder_.add_binary(message.data) : decoder_.add_text(message.data);
    if (result.error != sio::Error::none) {
        // As the Node server: a packet that does not parse ends the connection.
        session.close(sio::describe(result.error));
        return;
    }
    if (result.packet) on_packet(session, *result.packet);
}

Socket* SocketIoProtocol::socket_for(const std::string& nsp) {
    auto it = std::find_if(sockets_.begin(), sockets_.end(), [&](const auto& s) { return s->nsp() == nsp; });
    return it == sockets_.end() ? nullptr : it->get();
}

void SocketIoProtocol::remove(const std::string& nsp) {
    auto it = std::find_if(sockets_.begin(), sockets_.end(), [&](const auto& s) { return s->nsp() == nsp; });
    if (it == sockets_.end()) return;
    (*it)->session().shard().rooms.leave_all(it->get());
    sockets_.erase(it);
}

void SocketIoProtocol::on_packet(Session& session, sio::Packet& packet) {
    switch (packet.type) {
        case sio::PacketType::connect: {
            const auto& allowed = session.shard().core.namespaces;
            if (std::find(allowed.begin(), allowed.end(), packet.nsp) == allowed.end()) {
                send_connect_error(session, packet.nsp, "Invalid namespace");
                return;
            }
            if (socket_for(packet.nsp) ||
                std::find(connecting_.begin(), connecting_.end(), packet.nsp) != connecting_.end()) {
                return;  // already connected or connecting
            }
            connecting_.push_back(packet.nsp);
            asio::co_spawn(session.shard().io,
                           connect_namespace(session.shared_from_this(), this, packet.nsp, std::move(packet.data)),
                           asio::detached);
            return;
        }
        case sio::PacketType::disconnect: remove(packet.nsp); return;
        case sio::PacketType::event:
        case sio::PacketType::binary_event:
            if (Socket* socket = socket_for(packet.nsp)) on_event(*socket, packet);
            return;
        case sio::PacketType::ack:
        case sio::PacketType::binary_ack:
            // The decoder checked: the payload is an array, attachments put back.
            if (Socket* socket = socket_for(packet.nsp); socket && packet.id) {
                socket->on_ack(*packet.id, std::move(packet.data.as_array()));
            }
            return;
        case sio::PacketType::connect_error: session.close("unexpected packet"); return;
    }
}

void SocketIoProtocol::on_event(Socket& socket, sio::Packet& packet) {
    json::array& args = packet.data.as_array();  // the decoder checked: a non-empty array
    const json::value first = args.front();
    const std::string name = first.is_string() ? std::string(first.as_string()) : core::serialize(first);
    args.erase(args.begin());
    auto reply = socket.session().shard().core.events.on_event(socket, name, args);
    if (reply && packet.id && !socket.session().closed()) {
        socket.send({.type = sio::PacketType::ack, .nsp = socket.nsp(), .id = packet.id, .data = std::move(*reply)});
    }
}

void SocketIoProtocol::on_close(Session& session) {
    for (auto& socket : sockets_) session.shard().rooms.leave_all(socket.get());
    sockets_.clear();
}

// --- echo -------------------------------------------------------------------------------------------

void EchoProtocol::on_message(Session& session, const eio::Packet& message) {
    session.send(std::make_shared<const eio::Frame>(eio::encode(message)));
}

}  // namespace superapp::platform::realtime
