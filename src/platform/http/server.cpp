#include "platform/http/server.hpp"

#include <algorithm>
#include <array>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <span>
#include <thread>
#include <unordered_set>

#include "platform/core/blocking.hpp"
#include "platform/core/log.hpp"
#include "platform/http/beast_message.hpp"
#include "platform/http/connection_handler.hpp"
#include "platform/http/framing.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/pipeline.hpp"

namespace superapp::platform::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
constexpr auto as_tuple_awaitable = asio::as_tuple(asio::use_awaitable);

namespace {

constexpr std::chrono::seconds kWriteTimeout{30};

struct SessionState {
    beast::tcp_stream* stream;
    bool busy = false;  // between the first byte of a request and the end of its response
};

struct Shard {
    asio::io_context context{1};
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard;
    std::unordered_set<SessionState*> sessions;
};

void close_stream(beast::tcp_stream& stream) {
    boost::system::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream.socket().close(ec);
}

// Runs on the shard's own thread.
void close_sessions(Shard& shard, bool idle_only) {
    for (SessionState* s : shard.sessions) {
        if (!idle_only || !s->busy) close_stream(*s->stream);
    }
}

}  // namespace

struct Server::Impl {
    Impl(ServerOptions o, Pipeline& p, Metrics& m) : options(std::move(o)), pipeline(p), metrics(m) {}

    ServerOptions options;
    Pipeline& pipeline;
    Metrics& metrics;
    std::vector<std::unique_ptr<Shard>> shards;
    std::unique_ptr<tcp::acceptor> acceptor;
    std::size_t next_shard = 0;
    std::atomic<bool> stopping{false};
    std::atomic<bool> stop_requested{false};
    std::function<awaitable<void>()> on_drained;
    ConnectionHandler* connection_handler = nullptr;
};

namespace {

// Counts a connection in connections_open until destroyed.
class OpenConnection final : public ConnectionLease {
  public:
    explicit OpenConnection(Metrics& metrics) : metrics_(metrics) {}
    ~OpenConnection() override { --metrics_.connections_open; }
    OpenConnection(const OpenConnection&) = delete;
    OpenConnection& operator=(const OpenConnection&) = delete;

  private:
    Metrics& metrics_;
};

// Tracks a session in its shard and in the metrics for as long as it lives, or in the metrics only
// for as long as a connection handler that took the connection over keeps the lease.
class SessionRegistration {
  public:
    SessionRegistration(Server::Impl& server, Shard& shard, SessionState& state)
        : shard_(shard), state_(state), count_(std::make_unique<OpenConnection>(server.metrics)) {
        shard_.sessions.insert(&state_);
    }
    ~SessionRegistration() { shard_.sessions.erase(&state_); }
    SessionRegistration(const SessionRegistration&) = delete;
    SessionRegistration& operator=(const SessionRegistration&) = delete;

    std::unique_ptr<ConnectionLease> take_over() { return std::move(count_); }

  private:
    Shard& shard_;
    SessionState& state_;
    std::unique_ptr<ConnectionLease> count_;
};

awaitable<void> write_response(beast::tcp_stream& stream, BeastResponse& out, boost::system::error_code& ec) {
    stream.expires_after(kWriteTimeout);
    auto [write_ec, written] = co_await bhttp::async_write(stream, out, as_tuple_awaitable);
    (void)written;
    ec = write_ec;
}

// A streamed body (Response::source) goes out in chunks of this size, read one after the other into
// one buffer per response: a download costs this much memory however large the file is.
constexpr std::size_t kStreamChunkBytes = 256 * 1024;

// Writes a streamed body after its header. Each chunk is read on the blocking pool rather than on
// this io thread: a read that misses the page cache waits on the disk, and every other connection
// of this thread would wait with it; one hop per 256 KiB costs little next to the bytes it moves.
// A source that fails or comes up short ends the response early: `ec` is set and the connection is
// closed, so the client sees a body shorter than its Content-Length rather than a wrong one.
awaitable<void> write_streamed_body(beast::tcp_stream& stream, const BodySource& source,
                                    boost::system::error_code& ec) {
    const std::uint64_t size = source.size();
    std::vector<char> chunk(static_cast<std::size_t>(std::min<std::uint64_t>(size, kStreamChunkBytes)));
    for (std::uint64_t offset = 0; offset < size;) {
        const std::span<char> into(chunk.data(),
                                   static_cast<std::size_t>(std::min<std::uint64_t>(chunk.size(), size - offset)));
        std::size_t got = 0;
        try {
            got = co_await core::run_blocking([&source, offset, into] { return source.read(offset, into); });
        } catch (const std::exception& e) {
            core::log::warn("could not read a response body", {{"error", e.what()}});
        }
        if (got == 0) {
            ec = asio::error::broken_pipe;
            co_return;
        }
        stream.expires_after(kWriteTimeout);
        auto [write_ec, written] =
            co_await asio::async_write(stream, asio::buffer(chunk.data(), got), as_tuple_awaitable);
        if (write_ec) {
            ec = write_ec;
            co_return;
        }
        offset += written;
    }
}

// A client may still be sending the body of a request that was answered without reading it (a 401
// before an upload, a 413 from its length). Closing with unread bytes makes the kernel reset the
// connection, and a client that is still writing then loses the answer it was sent: so the body is
// read and dropped first, for a bounded time and size ("lingering close").
constexpr auto kLingerTime = std::chrono::seconds(5);
constexpr std::size_t kLingerBytes = 256 * 1024 * 1024;

awaitable<void> linger(beast::tcp_stream& stream) {
    boost::system::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.expires_after(kLingerTime);
    std::array<char, 64 * 1024> sink;
    for (std::size_t dropped = 0; dropped < kLingerBytes;) {
        auto [read_ec, n] = co_await stream.async_read_some(asio::buffer(sink), as_tuple_awaitable);
        if (read_ec) break;
        dropped += n;
    }
}

std::optional<ApiError> read_failure(const boost::system::error_code& ec) {
    if (ec == bhttp::error::body_limit) {
        return ApiError(413, "PAYLOAD_TOO_LARGE", "request body is larger than the limit");
    }
    if (ec == bhttp::error::header_limit) {
        return ApiError(431, "HEADERS_TOO_LARGE", "request headers are larger than the limit");
    }
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::operation_aborted ||
        ec == asio::error::connection_reset || ec == asio::error::eof || ec == asio::error::bad_descriptor) {
        return std::nullopt;  // the peer left or was timed out: nothing to answer
    }
    return ApiError(400, "BAD_REQUEST", "malformed HTTP request");
}

using RequestParser = bhttp::request_parser<bhttp::string_body>;

// The connection's buffer holds at most a header block and this much more: a chunk line or a trailer
// that never ends is refused (buffer_overflow, 400) instead of filling memory. It also keeps a trailer
// field under Beast's 64 KiB field size, past which the parser throws instead of failing.
constexpr std::size_t kReadAheadBytes = 32 * 1024;

// Reads until `buffer` starts with a whole header block, under the stream's deadline, and returns it;
// an empty view when the client stopped sending or `limit` bytes hold no whole block (the parser then
// reports that as it reads).
awaitable<std::string_view> read_header_block(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                              std::size_t limit) {
    for (;;) {
        const std::string_view bytes(static_cast<const char*>(buffer.data().data()), buffer.size());
        if (const std::size_t size = header_block_size(bytes)) co_return bytes.substr(0, size);
        if (buffer.size() >= limit || buffer.size() >= buffer.max_size()) co_return std::string_view{};
        const std::size_t room = std::min<std::size_t>(8192, buffer.max_size() - buffer.size());
        auto [ec, n] = co_await stream.async_read_some(buffer.prepare(room), as_tuple_awaitable);
        if (ec) co_return std::string_view{};
        buffer.commit(n);
    }
}

// Whether the connection handler serves this request rather than the pipeline.
bool for_connection_handler(const Server::Impl& server, const BeastRequest& head) {
    if (!server.connection_handler) return false;
    const auto path = target_path(head.target());
    return path && server.connection_handler->handles(*path);
}

// The route's own body limit when it has one (uploads), else the server's.
std::size_t body_limit_for(const Server::Impl& server, const BeastRequest& head) {
    if (for_connection_handler(server, head)) return server.connection_handler->max_body_bytes();
    const auto method = parse_method(head.method_string());
    const auto path = target_path(head.target());
    if (method && path) {
        if (const auto own = server.pipeline.body_limit(*method, *path)) return *own;
    }
    return server.options.max_body_bytes;
}

// Tells a client waiting on "Expect: 100-continue" to go on (its length was found acceptable).
awaitable<boost::system::error_code> send_continue(beast::tcp_stream& stream, const bhttp::request_header<>& head) {
    if (head.version() < 11 || !beast::iequals(head[bhttp::field::expect], "100-continue")) {
        co_return boost::system::error_code{};
    }
    static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    auto [ec, written] = co_await asio::async_write(stream, asio::buffer(kContinue), as_tuple_awaitable);
    (void)written;
    co_return ec;
}

// Reads the body of a request whose header is in, under `limit`: a declared length over it is
// refused before a byte of the body is read; a client waiting on "Expect: 100-continue" is told
// to go on once the length is acceptable.
awaitable<boost::system::error_code> read_body(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                               RequestParser& parser, std::size_t limit) {
    if (const auto length = parser.content_length(); length && *length > limit) co_return bhttp::error::body_limit;
    parser.body_limit(limit);
    if (parser.is_done()) co_return boost::system::error_code{};
    if (const auto ec = co_await send_continue(stream, parser.get())) co_return ec;
    auto [ec, n] = co_await bhttp::async_read(stream, buffer, parser, as_tuple_awaitable);
    (void)n;
    co_return ec;
}

// Whether the request's route takes its body as a file (BodyKind::file).
bool spools_body(const Server::Impl& server, const BeastRequest& head) {
    const auto method = parse_method(head.method_string());
    const auto path = target_path(head.target());
    return method && path && server.pipeline.body_kind(*method, *path) == BodyKind::file;
}

constexpr std::size_t kSpoolChunkBytes = 256 * 1024;

// Reads the body of a BodyKind::file request into a new file under the server's spool directory,
// chunk by chunk (the writes run on the blocking pool), under `limit` and the upload deadline.
// `head` gets the request's header (the parser is consumed), `file` the body.
awaitable<boost::system::error_code> spool_body(Server::Impl& server, beast::tcp_stream& stream,
                                                beast::flat_buffer& buffer, RequestParser& parser, std::size_t limit,
                                                BeastRequest& head, std::shared_ptr<core::TempFile>& file) {
    if (const auto length = parser.content_length(); length && *length > limit) {
        head = parser.release();
        co_return bhttp::error::body_limit;
    }
    bhttp::request_parser<bhttp::buffer_body> spool(std::move(parser));
    spool.body_limit(limit);
    stream.expires_after(server.options.upload_timeout);
    const std::filesystem::path& dir = server.options.spool_dir;
    file =
        co_await core::run_blocking([&dir] { return std::make_shared<core::TempFile>(core::TempFile::create(dir)); });
    boost::system::error_code ec = co_await send_continue(stream, spool.get());
    std::vector<char> chunk(kSpoolChunkBytes);
    while (!ec && !spool.is_done()) {
        spool.get().body().data = chunk.data();
        spool.get().body().size = chunk.size();
        auto [read_ec, n] = co_await bhttp::async_read(stream, buffer, spool, as_tuple_awaitable);
        (void)n;
        ec = read_ec == bhttp::error::need_buffer ? boost::system::error_code{} : read_ec;
        const std::string_view got(chunk.data(), chunk.size() - spool.get().body().size);
        if (!ec && !got.empty()) {
            co_await core::run_blocking([&file, got] {
                file->append(got);
                return 0;
            });
        }
    }
    head = BeastRequest(std::move(spool.release().base()));
    co_return ec;
}

// The parser adds the trailer fields of a chunked body to the message's fields, after the header's.
// They are dropped (RFC 9110 section 6.5.1): a field sent after the body (a second Host, an
// X-Forwarded-For, an Authorization) is never read as if it had come in the header.
void drop_trailer_fields(BeastRequest& msg, std::size_t header_fields) {
    auto it = msg.begin();
    for (std::size_t i = 0; i < header_fields && it != msg.end(); ++i) ++it;
    while (it != msg.end()) it = msg.erase(it);
}

// Reads the request's body as its route wants it: in memory (`msg`'s body) or in `file`. A body that
// goes to a file is read only once its header shows the caller may call the route (`refused` says why
// not, and the body is left unread): nobody uploads hundreds of megabytes to be told 401.
awaitable<boost::system::error_code> read_request_body(Server::Impl& server, beast::tcp_stream& stream,
                                                       beast::flat_buffer& buffer, RequestParser& parser,
                                                       BeastRequest& msg, std::shared_ptr<core::TempFile>& file,
                                                       std::optional<ApiError>& refused) {
    const std::size_t limit = body_limit_for(server, parser.get());
    const auto header_fields = static_cast<std::size_t>(std::distance(parser.get().begin(), parser.get().end()));
    if (spools_body(server, parser.get())) {
        Request head;
        head.method = parse_method(parser.get().method_string()).value_or(Method::get);
        if (to_request(parser.get(), head)) refused = co_await server.pipeline.refusal_before_body(head);
        if (refused) {
            msg = parser.release();
            co_return boost::system::error_code{};
        }
        const auto ec = co_await spool_body(server, stream, buffer, parser, limit, msg, file);
        drop_trailer_fields(msg, header_fields);
        co_return ec;
    }
    const auto ec = co_await read_body(stream, buffer, parser, limit);
    msg = parser.release();
    drop_trailer_fields(msg, header_fields);
    co_return ec;
}

awaitable<void> run_session(Server::Impl& server, Shard& shard, tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    SessionState state{&stream};
    SessionRegistration registration(server, shard, state);
    boost::system::error_code ec;
    const std::string client_ip = stream.socket().remote_endpoint(ec).address().to_string();
    const ServerOptions& opt = server.options;
    beast::flat_buffer buffer(opt.max_header_bytes + kReadAheadBytes);

    for (;;) {
        // Keep-alive: wait for the first byte of the next request under the idle timeout, then
        // read the whole request under the request timeout, so a slow sender cannot hold us.
        if (buffer.size() == 0) {
            state.busy = false;
            if (server.stopping) break;
            stream.expires_after(opt.idle_timeout);
            auto [read_ec, n] = co_await stream.async_read_some(buffer.prepare(8192), as_tuple_awaitable);
            if (read_ec) break;
            buffer.commit(n);
        }
        state.busy = true;

        RequestParser parser;
        parser.header_limit(static_cast<std::uint32_t>(opt.max_header_bytes));
        // The body limit is the route's, known once the header is in; none applies before.
        parser.body_limit(boost::none);
        stream.expires_after(opt.request_timeout);
        // Checked on the raw bytes before the parser takes them: what it lets through (obs-fold, a body
        // length two readers could disagree on) is refused before a byte of the body is read.
        const std::string_view header_block = co_await read_header_block(stream, buffer, opt.max_header_bytes);
        std::optional<ApiError> refused_before_body = header_block.empty() ? std::nullopt : framing_error(header_block);
        auto [read_ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, as_tuple_awaitable);
        (void)n;
        BeastRequest msg;
        std::shared_ptr<core::TempFile> body_file;
        if (read_ec || refused_before_body) {
            msg = parser.release();
        } else {
            read_ec = co_await read_request_body(server, stream, buffer, parser, msg, body_file, refused_before_body);
        }
        const auto received_at = std::chrono::steady_clock::now();

        if (!read_ec && !refused_before_body && for_connection_handler(server, msg)) {
            const bool keep =
                co_await server.connection_handler->serve({stream, msg, client_ip, msg.keep_alive() && !server.stopping,
                                                           [&registration] { return registration.take_over(); }});
            if (!keep || server.stopping) break;
            continue;
        }

        Request req;
        req.received_at = received_at;
        req.client_ip = client_ip;
        req.body_file = std::move(body_file);
        const bool target_ok = to_request(msg, req);
        const auto method = parse_method(msg.method_string());
        req.method = method.value_or(Method::get);

        Response res;
        bool keep_alive = msg.keep_alive() && !server.stopping;
        bool body_left = false;  // part of the request's body may still be coming
        if (read_ec) {
            auto refusal = read_failure(read_ec);
            if (!refusal) break;
            res = server.pipeline.reject(req, *refusal);
            keep_alive = false;  // the rest of the stream cannot be trusted to be a request boundary
            body_left = true;
        } else if (refused_before_body) {
            res = server.pipeline.reject(req, *refused_before_body);
            keep_alive = false;
            body_left = true;
        } else if (!method) {
            res = server.pipeline.reject(req, ApiError(501, "METHOD_NOT_IMPLEMENTED", "method is not supported"));
        } else if (!target_ok) {
            res = server.pipeline.reject(req, ApiError(400, "BAD_REQUEST", "request target is not a valid path"));
        } else {
            res = co_await server.pipeline.handle(req);
            keep_alive = keep_alive && !server.stopping;
        }

        const bool bodyless = req.method == Method::head || bodyless_status(res.status);
        const std::shared_ptr<const BodySource> source = bodyless ? nullptr : res.source;
        BeastResponse out = to_beast_response(std::move(res), req.method, msg.version(), keep_alive);
        co_await write_response(stream, out, ec);
        if (!ec && source) co_await write_streamed_body(stream, *source, ec);
        if (!ec && body_left) co_await linger(stream);
        if (ec || !keep_alive) break;
    }
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

// Answers a connection over the cap with a 503 problem (no request is read) and closes it.
awaitable<void> refuse_connection(Server::Impl& server, tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    Request req;
    req.received_at = std::chrono::steady_clock::now();
    boost::system::error_code ec;
    req.client_ip = stream.socket().remote_endpoint(ec).address().to_string();
    Response res = server.pipeline.reject(
        req, ApiError(503, "TOO_MANY_CONNECTIONS", "the server is at its connection limit, try again shortly"));
    res.headers.set("Retry-After", "1");
    BeastResponse out = to_beast_response(std::move(res), Method::get, 11, false);
    co_await write_response(stream, out, ec);
    close_stream(stream);
}

awaitable<void> accept_loop(Server::Impl& server) {
    asio::steady_timer backoff(co_await asio::this_coro::executor);
    while (!server.stopping) {
        const std::size_t shard_index = server.next_shard++ % server.shards.size();
        Shard& shard = *server.shards[shard_index];
        auto [ec, socket] = co_await server.acceptor->async_accept(shard.context, as_tuple_awaitable);
        if (ec) {
            if (ec == asio::error::operation_aborted || server.stopping) break;
            // Out of descriptors or similar: log and breathe instead of spinning.
            core::log::warn("accept failed", {{"error", ec.message()}});
            backoff.expires_after(std::chrono::milliseconds(50));
            co_await backoff.async_wait(as_tuple_awaitable);
            continue;
        }
        if (server.metrics.connections_open.load() >= server.options.max_connections) {
            ++server.metrics.connections_refused;
            asio::co_spawn(shard.context, refuse_connection(server, std::move(socket)), asio::detached);
            continue;
        }
        ++server.metrics.connections_open;
        boost::system::error_code opt_ec;
        socket.set_option(tcp::no_delay(true), opt_ec);
        asio::co_spawn(shard.context, run_session(server, shard, std::move(socket)), asio::detached);
    }
}

awaitable<void> wait_for_connections(Server::Impl& server, std::chrono::steady_clock::time_point deadline) {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    while (server.metrics.connections_open.load() > 0 && std::chrono::steady_clock::now() < deadline) {
        timer.expires_after(std::chrono::milliseconds(20));
        co_await timer.async_wait(as_tuple_awaitable);
    }
}

void post_close_sessions(Server::Impl& server, bool idle_only) {
    for (auto& shard : server.shards) {
        Shard* s = shard.get();
        asio::post(s->context, [s, idle_only] { close_sessions(*s, idle_only); });
    }
}

awaitable<void> shutdown(Server::Impl& server) {
    core::log::info("shutting down", {{"openConnections", server.metrics.connections_open.load()}});
    server.stopping = true;
    boost::system::error_code ec;
    server.acceptor->close(ec);

    if (server.connection_handler) server.connection_handler->stop();
    post_close_sessions(server, true);
    co_await wait_for_connections(server, std::chrono::steady_clock::now() + server.options.shutdown_grace);
    if (server.metrics.connections_open.load() > 0) {
        core::log::warn("closing connections still open after the grace period",
                        {{"openConnections", server.metrics.connections_open.load()}});
        post_close_sessions(server, false);
        co_await wait_for_connections(server, std::chrono::steady_clock::now() + std::chrono::seconds(2));
    }
    if (server.on_drained) co_await server.on_drained();
    // Without work guards each shard's run() returns once its last handler is done.
    for (auto& shard : server.shards) {
        Shard* s = shard.get();
        asio::post(s->context, [s] { s->guard.reset(); });
    }
}

}  // namespace

Server::Server(ServerOptions options, Pipeline& pipeline, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), pipeline, metrics)) {
    for (int i = 0; i < std::max(1, impl_->options.io_threads); ++i) {
        auto shard = std::make_unique<Shard>();
        shard->guard.emplace(shard->context.get_executor());
        impl_->shards.push_back(std::move(shard));
    }
}

Server::~Server() = default;

std::uint16_t Server::listen() {
    auto address = asio::ip::make_address(impl_->options.host);
    tcp::endpoint endpoint(address, impl_->options.port);
    auto acceptor = std::make_unique<tcp::acceptor>(impl_->shards[0]->context);
    acceptor->open(endpoint.protocol());
    acceptor->set_option(asio::socket_base::reuse_address(true));
    acceptor->bind(endpoint);
    acceptor->listen(asio::socket_base::max_listen_connections);
    impl_->acceptor = std::move(acceptor);
    return impl_->acceptor->local_endpoint().port();
}

asio::io_context& Server::shard(int i) { return impl_->shards.at(i)->context; }
int Server::shard_count() const { return static_cast<int>(impl_->shards.size()); }

void Server::set_connection_handler(ConnectionHandler* handler) { impl_->connection_handler = handler; }

void Server::run(std::function<void(int)> on_thread_start, std::function<awaitable<void>()> on_drained) {
    impl_->on_drained = std::move(on_drained);
    asio::co_spawn(impl_->shards[0]->context, accept_loop(*impl_), asio::detached);

    std::vector<std::thread> threads;
    for (int i = 1; i < shard_count(); ++i) {
        threads.emplace_back([this, i, on_thread_start] {
            if (on_thread_start) on_thread_start(i);
            impl_->shards[i]->context.run();
        });
    }
    if (on_thread_start) on_thread_start(0);
    impl_->shards[0]->context.run();
    for (auto& t : threads) t.join();
}

void Server::stop() {
    Impl* impl = impl_.get();
    asio::post(impl->shards[0]->context, [impl] {
        if (!impl->stop_requested.exchange(true))
            asio::co_spawn(impl->shards[0]->context, shutdown(*impl), asio::detached);
    });
}

}  // namespace superapp::platform::http
