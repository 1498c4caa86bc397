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
#include "platform/core/time.hpp"
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

/// The token's expiry: a timer at its `exp`. The socket (and with it this) may be gone when it fires.
struct Socket::Expiry {
    Expiry(Socket& s, asio::io_context& io) : socket(s), timer(io) {}
    Socket& socket;
    asio::steady_timer timer;
};

struct Socket::Expired {
    std::weak_ptr<Expiry> expiry;
    void operator()(boost::system::error_code ec) const {
        if (ec) return;  // re-armed, or the socket went
        if (auto e = expiry.lock()) e->socket.protocol().end(e->socket, "token_expired", "TOKEN_EXPIRED");
    }
};

std::string family_room(std::string_view family_id) { return "family:" + std::string(family_id); }

Socket::Socket(SocketIoProtocol& protocol, Session& session, std::string id, std::string nsp, http::Principal principal)
    : protocol_(protocol),
      session_(session),
      id_(std::move(id)),
      nsp_(std::move(nsp)),
      principal_(std::move(principal)) {}

void Socket::set_principal(http::Principal principal) {
    if (principal.family_id != principal_.family_id) {
        if (!principal_.family_id.empty()) leave(family_room(principal_.family_id));
        if (!principal.family_id.empty()) join(family_room(principal.family_id));
    }
    principal_ = std::move(principal);
    arm_expiry();
}

void Socket::arm_expiry() {
    if (principal_.expires_at <= 0) return;  // no token (conformance)
    if (!expiry_) expiry_ = std::make_shared<Expiry>(*this, session_.shard().io);
    const auto left = std::chrono::system_clock::time_point(std::chrono::seconds(principal_.expires_at)) -
                      std::chrono::system_clock::now();
    expiry_->timer.expires_after(std::chrono::duration_cast<std::chrono::steady_clock::duration>(left));
    expiry_->timer.async_wait(Expired{expiry_});
}

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

/// What checking a token gave: the principal, or the refusal's code and message.
struct Checked {
    std::optional<http::Principal> principal;
    std::string code = "TOKEN_INVALID";
    std::string message = "unauthorized";
};

// Checks a token as the HTTP API does.
asio::awaitable<Checked> check_token(http::Authenticator& authenticator, const json::value* token) {
    Checked out;
    if (!token || !token->is_string() || token->as_string().empty()) co_return out;
    const std::string header = "Bearer " + std::string(token->as_string());
    http::Request req;
    req.headers.emplace_back("Authorization", header);
    try {
        out.principal = co_await authenticator.authenticate(req);
    } catch (const http::ApiError& e) {
        out.code = e.code();
        out.message = e.what();
    } catch (const std::exception& e) {
        core::log::warn("socket.io authentication failed", {{"error", e.what()}});
        out.code = "INTERNAL_ERROR";
        out.message = "server error";
    }
    co_return out;
}

const json::value* token_of(const json::value& payload) {
    return payload.is_object() ? payload.as_object().if_contains("token") : nullptr;
}

// Checks the CONNECT's token on the session's shard, then lets the protocol finish the CONNECT.
asio::awaitable<void> connect_namespace(std::shared_ptr<Session> session, SocketIoProtocol* protocol, std::string nsp,
                                        json::value auth) {
    std::optional<http::Principal> principal;
    std::string refusal = "unauthorized";
    http::Authenticator* authenticator = session->shard().core.authenticator;
    if (!authenticator) {
        principal.emplace();
    } else {
        Checked checked = co_await check_token(*authenticator, token_of(auth));
        principal = std::move(checked.principal);
        if (checked.code == "INTERNAL_ERROR") refusal = "server error";
    }
    if (session->closed()) co_return;
    protocol->finish_connect(*session, nsp, principal, auth, refusal);
}

json::array auth_refused(std::string_view code, std::string_view message) {
    return {json::object{{"ok", false}, {"error", json::object{{"code", code}, {"message", message}}}}};
}

// The client event `authenticate` {token}: a valid token of the same user replaces the socket's,
// moving its expiry; the acknowledgement says {ok: true, expiresAt} or {ok: false, error: {code, message}}.
asio::awaitable<void> reauthenticate(std::shared_ptr<Session> session, SocketIoProtocol* protocol, std::string nsp,
                                     std::string socket_id, json::value payload, std::optional<std::uint64_t> ack) {
    Checked checked = co_await check_token(*session->shard().core.authenticator, token_of(payload));
    if (session->closed()) co_return;
    Socket* socket = protocol->socket_for(nsp);
    if (!socket || socket->id() != socket_id) co_return;  // it went while the token was checked
    json::array reply;
    if (!checked.principal) {
        reply = auth_refused(checked.code, checked.message);
    } else if (checked.principal->user_id != socket->user_id()) {
        reply = auth_refused("TOKEN_INVALID", "the token is another user's; connect again with it");
    } else {
        const std::int64_t expires_at = checked.principal->expires_at;
        socket->set_principal(std::move(*checked.principal));
        reply = {json::object{{"ok", true},
                              {"expiresAt", core::to_iso8601(core::Timestamp(std::chrono::seconds(expires_at)))}}};
    }
    if (ack) socket->send({.type = sio::PacketType::ack, .nsp = nsp, .id = ack, .data = std::move(reply)});
}

}  // namespace

void SocketIoProtocol::finish_connect(Session& session, const std::string& nsp,
                                      const std::optional<http::Principal>& principal, const json::value& auth,
                                      std::string_view refusal) {
    std::erase(connecting_, nsp);
    if (!principal) {
        send_connect_error(session, nsp, refusal);
        return;
    }
    auto& socket = *sockets_.emplace_back(
        std::make_unique<Socket>(*this, session, make_sid(session.shard().index), nsp, http::Principal{}));
    if (nsp == "/") {
        socket.join(kEveryone);
        if (!principal->user_id.empty()) socket.join("user:" + principal->user_id);
    }
    socket.set_principal(*principal);  // its family's room and its expiry
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
    Session& session = (*it)->session();
    session.shard().rooms.leave_all(it->get());
    sockets_.erase(it);
    if (sockets_.empty() && connecting_.empty()) session.on_disconnected();
}

void SocketIoProtocol::end(Socket& socket, std::string_view reason, std::string_view code) {
    const std::string nsp = socket.nsp();
    socket.emit(kSessionEnded, json::array{json::object{{"reason", reason}, {"code", code}}});
    socket.send({.type = sio::PacketType::disconnect, .nsp = nsp});
    remove(nsp);
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
            if (Socket* socket = socket_for(packet.nsp); socket && admit_event(*socket, packet)) {
                on_event(*socket, packet);
            }
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

bool SocketIoProtocol::admit_event(Socket& socket, const sio::Packet& packet) {
    Session& session = socket.session();
    if (!event_rate_) event_rate_.emplace(session.shard().core.settings.events_per_second);
    switch (event_rate_->take(EventRate::Clock::now())) {
        case EventRate::Verdict::allowed: return true;
        case EventRate::Verdict::refused:
            if (packet.id) {
                socket.send({.type = sio::PacketType::ack,
                             .nsp = socket.nsp(),
                             .id = packet.id,
                             .data = json::array{json::object{
                                 {"ok", false},
                                 {"error", json::object{{"code", "RATE_LIMITED"}, {"message", "rate limited"}}}}}});
            }
            return false;
        case EventRate::Verdict::flooding:
            core::log::info("socket.io connection closed: it kept sending events past its rate",
                            {{"userId", socket.user_id()}});
            session.close("rate limited");
            return false;
    }
    return false;
}

void SocketIoProtocol::on_event(Socket& socket, sio::Packet& packet) {
    json::array& args = packet.data.as_array();  // the decoder checked: a non-empty array
    const json::value first = args.front();
    const std::string name = first.is_string() ? std::string(first.as_string()) : core::serialize(first);
    args.erase(args.begin());
    Session& session = socket.session();
    if (name == kAuthenticate && session.shard().core.authenticator) {
        json::value payload = args.empty() ? json::value() : std::move(args.front());
        asio::co_spawn(
            session.shard().io,
            reauthenticate(session.shared_from_this(), this, socket.nsp(), socket.id(), std::move(payload), packet.id),
            asio::detached);
        return;
    }
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
