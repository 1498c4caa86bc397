#include "platform/realtime/server.hpp"

#include <time.h>
#include <unistd.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/url/parse.hpp>
#include <chrono>

#include "platform/core/json.hpp"
#include "platform/core/log.hpp"
#include "platform/http/middleware/client_ip.hpp"
#include "platform/http/middleware/cors.hpp"
#include "platform/realtime/server/session.hpp"
#include "platform/realtime/server/shard.hpp"
#include "platform/realtime/server/socket_io_protocol.hpp"

namespace superapp::platform::realtime {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace json = boost::json;
namespace eio = engine_io;
using tcp = asio::ip::tcp;
constexpr auto as_tuple_awaitable = asio::as_tuple(asio::use_awaitable);

namespace {

constexpr std::string_view kSocketIoPath = "/socket.io/";
constexpr std::string_view kEchoPath = "/engine.io/";
constexpr std::chrono::seconds kWriteTimeout{30};
constexpr std::chrono::seconds kWebSocketHandshakeTimeout{10};

struct Query {
    std::string eio;
    std::string transport;
    std::optional<std::string> sid;
};

std::optional<Query> parse_query(std::string_view target) {
    auto url = boost::urls::parse_origin_form(target);
    if (!url) return std::nullopt;
    Query q;
    for (const auto& param : url->params()) {
        if (param.key == "EIO") q.eio = param.value;
        if (param.key == "transport") q.transport = param.value;
        if (param.key == "sid") q.sid = param.value;
    }
    return q;
}

/// An HTTP answer of the Engine.IO server.
struct Reply {
    unsigned status = 200;
    std::string_view content_type = "text/plain; charset=UTF-8";
    std::string body;
    std::vector<std::pair<std::string_view, std::string>> headers;  ///< CORS
};

// The Node server's error bodies: 0 Transport unknown, 1 Session ID unknown, 2 Bad handshake method,
// 3 Bad request, 4 Forbidden, 5 Unsupported protocol version.
Reply error_reply(unsigned status, int code, std::string_view message) {
    return {status, "application/json", core::serialize(json::object{{"code", code}, {"message", message}})};
}

// Takes the reply by reference: a by-value temporary in a co_await expression is destroyed twice by GCC 12.
template <class Stream>
asio::awaitable<bool> write_reply(Stream& stream, unsigned version, bool keep_alive, Reply& reply) {
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(reply.status), version};
    res.set(bhttp::field::content_type, reply.content_type);
    res.set(bhttp::field::cache_control, "no-store");
    res.set("X-Content-Type-Options", "nosniff");
    for (const auto& [name, value] : reply.headers) res.insert(name, value);
    res.keep_alive(keep_alive);
    res.body() = std::move(reply.body);
    res.prepare_payload();
    stream.expires_after(kWriteTimeout);
    auto [ec, n] = co_await bhttp::async_write(stream, res, as_tuple_awaitable);
    (void)n;
    co_return !ec && keep_alive;
}

eio::SharedFrame open_frame(const Session& session, const Settings& s) {
    eio::Handshake h{.sid = session.sid(),
                     .upgrades = {},
                     .ping_interval_ms = static_cast<std::uint64_t>(s.ping_interval.count()),
                     .ping_timeout_ms = static_cast<std::uint64_t>(s.ping_timeout.count()),
                     .max_payload = s.max_payload};
    if (session.transport() == Transport::polling) h.upgrades = {"websocket"};
    return eio::text_frame(eio::open_packet(h));
}

// A new session on `shard`, counted already in the IpLimits.
std::shared_ptr<Session> open_session(ShardState& shard, std::string ip, Transport transport, bool echo) {
    auto session = std::make_shared<Session>(shard, make_sid(shard.index), std::move(ip), transport);
    if (echo)
        session->set_protocol(std::make_unique<EchoProtocol>());
    else
        session->set_protocol(std::make_unique<SocketIoProtocol>());
    shard.sessions.emplace(session->sid(), session);
    session->start(echo);
    session->send(open_frame(*session, shard.core.settings));
    return session;
}

std::optional<Reply> refusal(IpLimits::Verdict verdict) {
    switch (verdict) {
        case IpLimits::Verdict::ok: return std::nullopt;
        case IpLimits::Verdict::too_many_connections:
            return error_reply(429, 4, "Too many connections from this address");
        case IpLimits::Verdict::too_many_handshakes:
            return error_reply(429, 4, "Too many handshakes from this address");
    }
    return std::nullopt;
}

// A long-polling GET or POST for a session, on the session's shard.
asio::awaitable<Reply> poll_on_shard(ShardState& shard, std::string sid, bool post, std::string body) {
    auto session = shard.find(sid);
    if (!session) co_return error_reply(400, 1, "Session ID unknown");
    if (session->transport() != Transport::polling) co_return error_reply(400, 3, "Bad request");
    if (post) {
        const bool ok = session->receive_payload(body);
        if (!ok) co_return error_reply(400, 3, "Bad request");
        co_return Reply{200, "text/html", "ok"};
    }
    if (session->poll_waiting()) {
        session->close("overlapping polls");
        co_return error_reply(400, 3, "Bad request");
    }
    std::string payload = co_await session->poll();
    co_return Reply{200, "text/plain; charset=UTF-8", std::move(payload)};
}

using Handshake = beast::websocket::stream<tcp::socket>;

void configure(Handshake& ws) {
    beast::websocket::stream_base::timeout t =
        beast::websocket::stream_base::timeout::suggested(beast::role_type::server);
    t.handshake_timeout = kWebSocketHandshakeTimeout;
    t.idle_timeout = beast::websocket::stream_base::none();
    t.keep_alive_pings = false;
    ws.set_option(t);
}

// Serves a WebSocket on the shard that owns (or will own) its session: `fd` is the connection's
// socket, handed over from the shard that read the upgrade request. `sid` is empty for a new session.
asio::awaitable<void> run_websocket(
    ShardState& shard, tcp::socket::native_handle_type fd, tcp protocol, http::BeastRequest req, std::string sid,
    bool echo, std::string ip,
    [[maybe_unused]] std::unique_ptr<http::ConnectionLease> lease) {  // held until it closes
    tcp::socket socket(shard.io);
    boost::system::error_code ec;
    socket.assign(protocol, fd, ec);
    if (ec) {
        ::close(fd);
        if (sid.empty()) shard.core.limits.close(ip, IpLimits::Clock::now());
        co_return;
    }
    std::shared_ptr<Session> session;
    if (!sid.empty()) {
        session = shard.find(sid);
        std::optional<Reply> refused;
        if (!session)
            refused = error_reply(400, 1, "Session ID unknown");
        else if (session->transport() != Transport::polling || session->upgrading())
            refused = error_reply(400, 3, "Bad request");
        if (refused) {
            beast::tcp_stream stream(std::move(socket));
            co_await write_reply(stream, req.version(), false, *refused);
            co_return;
        }
    }
    // Beast answers the handshake; the frames after it are the session's own (session.cpp), so that a
    // broadcast is written to each socket straight from its one shared encoding.
    auto handshake = std::make_unique<Handshake>(std::move(socket));
    configure(*handshake);
    auto [accept_ec] = co_await handshake->async_accept(req, as_tuple_awaitable);
    req = {};  // the upgrade request's header is not needed any more
    if (!accept_ec) handshake->next_layer().non_blocking(true, accept_ec);
    if (accept_ec) {
        if (sid.empty()) shard.core.limits.close(ip, IpLimits::Clock::now());
        co_return;
    }
    auto ws = std::make_shared<WebSocket>(std::move(handshake->next_layer()), shard.core.settings.max_payload);
    handshake.reset();
    if (sid.empty()) {
        session = open_session(shard, std::move(ip), Transport::websocket, echo);
        session->attach_websocket(ws);
    } else {
        if (session->closed() || session->upgrading()) co_return;  // it changed while the handshake ran
        session->attach_websocket(ws);
    }
    co_await read_websocket(session, ws);
}

// CPU time of this thread: with the wall time, shows whether it ran or waited for a core.
std::int64_t thread_cpu_us() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return std::int64_t{t.tv_sec} * 1'000'000 + t.tv_nsec / 1000;
}

// Hands an event's frames to every socket of the shard in its rooms; most are written to the kernel
// before this returns. At debug level, logs how long after `published` the last one was handed over.
void deliver_on_shard(ShardState& shard, const std::vector<eio::SharedFrame>& frames,
                      const std::vector<std::string>& rooms, std::chrono::steady_clock::time_point published) {
    const bool timed = core::log::enabled(core::log::Level::debug);
    const auto started = std::chrono::steady_clock::now();
    const std::int64_t cpu_started = timed ? thread_cpu_us() : 0;
    const auto members = shard.rooms.members_of(rooms);
    std::size_t backlogged = 0;
    for (Socket* socket : members) {
        Session& session = socket->session();
        for (const auto& frame : frames) session.send(frame);
        if (session.websocket_backlog()) ++backlogged;
    }
    if (members.empty() || !timed) return;
    const auto micros = [](auto d) { return std::chrono::duration_cast<std::chrono::microseconds>(d).count(); };
    const auto done = std::chrono::steady_clock::now();
    core::log::debug("socket.io event handed to sockets", {{"shard", shard.index},
                                                           {"sockets", members.size()},
                                                           {"backlogged", backlogged},
                                                           {"queued_us", micros(started - published)},
                                                           {"writing_us", micros(done - started)},
                                                           {"writing_cpu_us", thread_cpu_us() - cpu_started},
                                                           {"since_publish_us", micros(done - published)}});
}

void end_on_shard(ShardState& shard, const SessionEnd& end) {
    const std::string room = end.family_id.empty() ? "user:" + end.user_id : family_room(end.family_id);
    for (Socket* socket : shard.rooms.members_of(std::span<const std::string>(&room, 1))) {
        if (end.family_id.empty() && socket->principal().session_version >= end.below_version) continue;
        socket->protocol().end(*socket, end.reason, "TOKEN_REVOKED");
    }
}

void close_all(ShardState& shard) {
    std::vector<std::shared_ptr<Session>> sessions;
    sessions.reserve(shard.sessions.size());
    for (auto& [sid, session] : shard.sessions) sessions.push_back(session);
    for (auto& session : sessions) session->close("server shutting down");
}

}  // namespace

struct SocketIoServer::Impl {
    Impl(const Settings& settings, http::Authenticator* authenticator, ClientEvents& events)
        : core{settings, IpLimits(settings.max_connections_per_ip, settings.handshakes_per_ip_per_second),
               authenticator, events,
               settings.conformance ? std::vector<std::string>{"/", "/custom"} : std::vector<std::string>{"/"}},
          cors(settings.cors_origins) {}

    Core core;
    http::middleware::Cors cors;
    std::vector<std::unique_ptr<ShardState>> shards;

    ShardState* shard_by_sid(std::string_view sid) const {
        const int index = shard_of_sid(sid);
        if (index < 0 || index >= static_cast<int>(shards.size())) return nullptr;
        return shards[static_cast<std::size_t>(index)].get();
    }

    ShardState& shard_here(const asio::any_io_executor& ex) const {
        auto& context = asio::query(ex, asio::execution::context);
        for (const auto& shard : shards) {
            if (&static_cast<asio::execution_context&>(shard->io) == &context) return *shard;
        }
        throw std::logic_error("socket.io request outside the server's shards");
    }
};

namespace {

// An upgrade to WebSocket: hands the connection to its session's shard to be served there. The
// HTTP session ends (its buffers and coroutine frame go) while the lease keeps the socket counted.
asio::awaitable<void> take_websocket(SocketIoServer::Impl& impl, ShardState& here, http::Connection c,
                                     std::optional<std::string> sid, bool echo) {
    ShardState* owner = sid ? impl.shard_by_sid(*sid) : &here;
    std::optional<Reply> refused;
    if (!owner)
        refused = error_reply(400, 1, "Session ID unknown");
    else if (!sid)
        refused = refusal(impl.core.limits.open(std::string(c.client_ip), IpLimits::Clock::now()));
    if (refused) {
        co_await write_reply(c.stream, c.request.version(), false, *refused);
        co_return;
    }
    boost::system::error_code ec;
    const auto protocol = c.stream.socket().local_endpoint(ec).protocol();
    tcp::socket socket = c.stream.release_socket();
    tcp::socket::native_handle_type fd = -1;
    if (!ec) fd = socket.release(ec);
    if (ec) {
        if (!sid) impl.core.limits.close(std::string(c.client_ip), IpLimits::Clock::now());
        co_return;
    }
    // A WebSocket client waits for the 101 before it sends: nothing read past the request is lost.
    asio::co_spawn(owner->io,
                   run_websocket(*owner, fd, protocol, std::move(c.request), sid.value_or(""), echo,
                                 std::string(c.client_ip), c.take_over()),
                   asio::detached);
}

// What is wrong with a request before any session is looked at, if anything.
std::optional<Reply> refuse_request(const std::optional<Query>& query, const http::BeastRequest& request,
                                    bool upgrade) {
    if (!query || query->eio != "4") return error_reply(400, 5, "Unsupported protocol version");
    if (query->transport != "polling" && query->transport != "websocket")
        return error_reply(400, 0, "Transport unknown");
    if (upgrade != (query->transport == "websocket")) return error_reply(400, 3, "Bad request");
    if (upgrade) return std::nullopt;
    const auto method = request.method();
    if (method != bhttp::verb::get && (method != bhttp::verb::post || !query->sid)) {
        return error_reply(400, 2, "Bad handshake method");
    }
    return std::nullopt;
}

// A CORS preflight, for long-polling from a browser app on another origin: answered as the HTTP
// API's (204 for an allowed origin, 403 for another). Nullopt for any other request.
std::optional<Reply> preflight(const http::middleware::Cors& cors, const http::BeastRequest& request) {
    if (request.method() != bhttp::verb::options) return std::nullopt;
    const std::string_view origin = request[bhttp::field::origin];
    if (origin.empty() || request[bhttp::field::access_control_request_method].empty()) return std::nullopt;
    if (!cors.allows(origin)) return error_reply(403, 4, "Forbidden");
    const std::string_view asked = request[bhttp::field::access_control_request_headers];
    Reply reply{.status = 204};
    reply.headers = {{"Access-Control-Allow-Methods", "GET, POST, OPTIONS"},
                     {"Access-Control-Allow-Headers", std::string(asked.empty() ? "Content-Type" : asked)},
                     {"Access-Control-Max-Age", "600"},
                     {"Vary", "Access-Control-Request-Method, Access-Control-Request-Headers"}};
    return reply;
}

asio::awaitable<bool> serve_request(SocketIoServer::Impl& impl, http::Connection c) {
    std::string forwarded_ip;
    if (impl.core.settings.trust_proxy) {
        if (auto it = c.request.find("X-Forwarded-For"); it != c.request.end()) {
            forwarded_ip = http::middleware::forwarded_client_ip(it->value(), c.client_ip);
            c.client_ip = forwarded_ip;
        }
    }
    const auto query = parse_query(c.request.target());
    const bool upgrade = beast::websocket::is_upgrade(c.request);
    const bool echo = c.request.target().starts_with(kEchoPath);
    ShardState& here = impl.shard_here(c.stream.get_executor());

    Reply reply;
    if (auto answer = preflight(impl.cors, c.request)) {
        reply = std::move(*answer);
    } else if (auto refused = refuse_request(query, c.request, upgrade)) {
        reply = std::move(*refused);
    } else if (upgrade) {
        co_await take_websocket(impl, here, c, query->sid, echo);
        co_return false;
    } else if (!query->sid) {
        if (auto limited = refusal(impl.core.limits.open(std::string(c.client_ip), IpLimits::Clock::now()))) {
            reply = std::move(*limited);
        } else {
            auto session = open_session(here, std::string(c.client_ip), Transport::polling, echo);
            reply.body = co_await session->poll();  // the open packet is waiting
        }
    } else if (ShardState* owner = impl.shard_by_sid(*query->sid)) {
        // The wait for packets happens on the owner's shard, where this stream is not touched.
        c.stream.expires_never();
        const bool post = c.request.method() == bhttp::verb::post;
        reply = co_await asio::co_spawn(
            owner->io, poll_on_shard(*owner, *query->sid, post, std::move(c.request.body())), asio::use_awaitable);
    } else {
        reply = error_reply(400, 1, "Session ID unknown");
    }
    if (const std::string_view origin = c.request[bhttp::field::origin]; impl.cors.allows(origin)) {
        reply.headers.emplace_back("Access-Control-Allow-Origin", origin);
        reply.headers.emplace_back("Vary", "Origin");
    }
    const bool keep = co_await write_reply(c.stream, c.request.version(), c.keep_alive && !upgrade, reply);
    co_return keep;
}

}  // namespace

SocketIoServer::SocketIoServer(Settings settings, std::vector<asio::io_context*> shards,
                               http::Authenticator* authenticator, ClientEvents& events)
    : impl_(std::make_unique<Impl>(settings, authenticator, events)) {
    for (std::size_t i = 0; i < shards.size(); ++i) {
        impl_->shards.push_back(std::make_unique<ShardState>(impl_->core, *shards[i], static_cast<int>(i)));
    }
}

SocketIoServer::~SocketIoServer() = default;

bool SocketIoServer::handles(std::string_view path) const {
    return path.starts_with(kSocketIoPath) || (impl_->core.settings.conformance && path.starts_with(kEchoPath));
}

std::size_t SocketIoServer::max_body_bytes() const { return impl_->core.settings.max_payload; }

asio::awaitable<bool> SocketIoServer::serve(http::Connection connection) { return serve_request(*impl_, connection); }

void SocketIoServer::stop() {
    for (auto& shard : impl_->shards) {
        ShardState* s = shard.get();
        asio::post(s->io, [s] { close_all(*s); });
    }
}

void SocketIoServer::deliver(const Event& event) {
    if (event.rooms.empty()) return;  // internal events (data_changed) are for no socket
    json::array data{json::string(event.name), event.data};
    auto frames = std::make_shared<const std::vector<eio::SharedFrame>>(
        encode_frames({.type = socket_io::PacketType::event, .nsp = "/", .data = std::move(data)}));
    auto rooms = std::make_shared<const std::vector<std::string>>(event.rooms);
    const auto published = std::chrono::steady_clock::now();
    for (auto& shard : impl_->shards) {
        ShardState* s = shard.get();
        asio::post(s->io, [s, frames, rooms, published] { deliver_on_shard(*s, *frames, *rooms, published); });
    }
}

void SocketIoServer::end_sessions(SessionEnd end) {
    if (end.family_id.empty() && end.user_id.empty()) return;
    auto shared = std::make_shared<const SessionEnd>(std::move(end));
    for (auto& shard : impl_->shards) {
        ShardState* s = shard.get();
        asio::post(s->io, [s, shared] { end_on_shard(*s, *shared); });
    }
}

}  // namespace superapp::platform::realtime
