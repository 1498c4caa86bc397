#include "platform/db/connection.hpp"

#include <arpa/inet.h>
#include <libpq-fe.h>
#include <openssl/ssl.h>
#include <poll.h>

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <optional>
#include <stdexcept>

#include "platform/core/log.hpp"
#include "platform/db/error.hpp"
#include "platform/db/text_codec.hpp"

namespace superapp::platform::db {

namespace asio = boost::asio;

struct Connection::IoState {
    explicit IoState(asio::io_context& ctx) : socket(ctx), timer(ctx) {}
    asio::posix::stream_descriptor socket;
    asio::steady_timer timer;
    bool expired = false;
    std::uint64_t generation = 0;
};

// Bounds the command run in its scope by the deadline.
struct Connection::Armed {
    Armed(Connection& c, Clock::time_point deadline) : c(c) { c.arm(deadline); }
    ~Armed() { c.disarm(); }
    Armed(const Armed&) = delete;
    Armed& operator=(const Armed&) = delete;
    Connection& c;
};

struct Connection::Outcome {
    Result result;
    std::optional<DbError> error;
    bool copy_in = false;  ///< the server waits for COPY data
};

namespace {

std::string trimmed(std::string_view s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
    return std::string(s);
}

std::string libpq_message(PGconn* conn) {
    std::string message = trimmed(PQerrorMessage(conn));
    return message.empty() ? "connection lost" : message;
}

void log_notice(void*, const char* message) { core::log::debug("postgres notice", {{"message", trimmed(message)}}); }

bool is_ip_literal(const std::string& host) {
    in6_addr buf{};
    return inet_pton(AF_INET, host.c_str(), &buf) == 1 || inet_pton(AF_INET6, host.c_str(), &buf) == 1;
}

// Statements are named in errors by their query name; unnamed SQL by its opening words.
std::string label_of(std::string_view name, std::string_view text) {
    if (!name.empty()) return std::string(name);
    constexpr std::size_t kShown = 60;
    std::string shown(text.substr(0, kShown));
    for (char& c : shown) {
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    }
    return "sql \"" + shown + (text.size() > kShown ? "...\"" : "\"");
}

DbError error_from(const PGresult* res, const std::string& label) {
    auto field = [res](int code) {
        const char* v = PQresultErrorField(res, code);
        return v ? std::string(v) : std::string();
    };
    std::string sqlstate = field(PG_DIAG_SQLSTATE);
    std::string primary = field(PG_DIAG_MESSAGE_PRIMARY);
    if (primary.empty()) primary = trimmed(PQresultErrorMessage(res));
    std::string constraint = field(PG_DIAG_CONSTRAINT_NAME);
    // DETAIL is left out on purpose: it quotes row values (phone numbers, emails) into the log.
    std::string message = label + ": " + primary;
    if (!sqlstate.empty()) message += " (SQLSTATE " + sqlstate + ")";
    if (!constraint.empty()) message += " [constraint " + constraint + "]";
    const DbError::Kind kind = kind_for_sqlstate(sqlstate);
    return DbError(kind, message, std::move(sqlstate), std::move(constraint));
}

}  // namespace

// ---- ConnectSpec ----

ConnectSpec::ConnectSpec(const PoolOptions& options) {
    char* error = nullptr;
    PQconninfoOption* parsed = PQconninfoParse(options.conninfo.c_str(), &error);
    if (parsed == nullptr) {
        std::string why = error ? trimmed(error) : "out of memory";
        if (error) PQfreemem(error);
        throw std::invalid_argument("invalid database conninfo: " + why);
    }
    for (const PQconninfoOption* o = parsed; o->keyword != nullptr; ++o) {
        if (o->val != nullptr && o->val[0] != '\0') params_.emplace_back(o->keyword, o->val);
    }
    PQconninfoFree(parsed);

    auto find = [this](std::string_view key) -> std::string* {
        for (auto& [k, v] : params_) {
            if (k == key) return &v;
        }
        return nullptr;
    };
    auto set = [&](const char* key, std::string value) {
        if (auto* v = find(key))
            *v = std::move(value);
        else
            params_.emplace_back(key, std::move(value));
    };

    // Session settings every query relies on. Ours come first so that a caller's own "-c" wins.
    std::string session =
        "-c TimeZone=UTC -c DateStyle=ISO -c statement_timeout=" + std::to_string(options.query_timeout.count());
    for (const auto& [name, value] : options.session_settings) session += " -c " + name + "=" + value;
    if (auto* user_options = find("options")) session += " " + *user_options;
    set("options", std::move(session));
    set("client_encoding", "UTF8");
    if (!find("application_name")) set("application_name", "superapp");
    // GSS encryption negotiation costs a round trip and may consult Kerberos synchronously.
    if (!find("gssencmode")) set("gssencmode", "disable");

    // libpq resolves host names with a blocking getaddrinfo; a single named host is resolved by asio instead.
    const std::string* host = find("host");
    const std::string* port = find("port");
    if (host != nullptr && find("hostaddr") == nullptr && host->find(',') == std::string::npos &&
        host->front() != '/' && host->front() != '@' && !is_ip_literal(*host) &&
        (port == nullptr || port->find(',') == std::string::npos)) {
        resolve_host_ = *host;
        resolve_port_ = port ? *port : "5432";
    }
}

// ---- Connection ----

Connection::Connection(asio::io_context& ctx, pg_conn* conn) : io_(std::make_shared<IoState>(ctx)), conn_(conn) {}

Connection::~Connection() {
    disarm();
    // libpq owns the descriptor: take it back from asio so it is closed once, by PQfinish.
    if (io_->socket.is_open()) io_->socket.release();
    PQfinish(conn_);
}

asio::awaitable<std::unique_ptr<Connection>> Connection::open(asio::io_context& ctx, const ConnectSpec& spec,
                                                              Clock::time_point deadline) {
    auto params = spec.params();
    if (!spec.resolve_host().empty()) {
        asio::ip::tcp::resolver resolver(ctx);
        auto [ec, endpoints] = co_await resolver.async_resolve(spec.resolve_host(), spec.resolve_port(),
                                                               asio::as_tuple(asio::use_awaitable));
        if (ec) throw DbError(DbError::Kind::unavailable, "cannot resolve the database host: " + ec.message());
        // One host entry per address, so libpq still tries each in turn as it would have.
        std::string hosts;
        std::string addresses;
        std::unordered_set<std::string> seen;
        for (const auto& entry : endpoints) {
            std::string address = entry.endpoint().address().to_string();
            if (!seen.insert(address).second) continue;
            if (!addresses.empty()) {
                hosts += ',';
                addresses += ',';
            }
            hosts += spec.resolve_host();
            addresses += address;
        }
        if (addresses.empty()) throw DbError(DbError::Kind::unavailable, "the database host name has no address");
        for (auto& [k, v] : params) {
            if (k == "host") v = hosts;
        }
        params.emplace_back("hostaddr", addresses);
    }

    std::vector<const char*> keys;
    std::vector<const char*> values;
    for (const auto& [k, v] : params) {
        keys.push_back(k.c_str());
        values.push_back(v.c_str());
    }
    keys.push_back(nullptr);
    values.push_back(nullptr);

    PGconn* raw = PQconnectStartParams(keys.data(), values.data(), 0);
    if (raw == nullptr) throw DbError(DbError::Kind::unavailable, "cannot allocate a database connection");
    std::unique_ptr<Connection> conn(new Connection(ctx, raw));
    conn->command_name_ = "connect";
    if (PQstatus(raw) == CONNECTION_BAD) {
        throw DbError(DbError::Kind::unavailable, "cannot connect to the database: " + libpq_message(raw));
    }
    PQsetNoticeProcessor(raw, &log_notice, nullptr);

    conn->arm(deadline);
    // As libpq documents: behave as if the last poll asked for writability.
    PostgresPollingStatusType status = PGRES_POLLING_WRITING;
    while (status != PGRES_POLLING_OK) {
        if (status == PGRES_POLLING_FAILED) {
            conn->disarm();
            throw DbError(DbError::Kind::unavailable, "cannot connect to the database: " + libpq_message(raw));
        }
        // libpq may close the socket and open another (next address, SSL fallback); the new one can
        // even reuse the old number, so watch whatever is current before every wait.
        conn->register_socket();
        co_await conn->wait(status == PGRES_POLLING_READING);
        status = PQconnectPoll(raw);
    }
    conn->disarm();
    conn->register_socket();
    if (PQsetnonblocking(raw, 1) != 0) {
        throw DbError(DbError::Kind::unavailable, "cannot make the connection non-blocking: " + libpq_message(raw));
    }
    co_return conn;
}

void Connection::register_socket() {
    if (io_->socket.is_open()) io_->socket.release();
    const int fd = PQsocket(conn_);
    if (fd < 0) fail_connection("no socket");
    boost::system::error_code ec;
    io_->socket.assign(fd, ec);
    if (ec) fail_connection("cannot watch the socket: " + ec.message());
}

void Connection::arm(Clock::time_point deadline) {
    io_->expired = false;
    got_response_ = false;
    const std::uint64_t generation = ++io_->generation;
    if (deadline == Clock::time_point::max()) return;
    io_->timer.expires_at(deadline);
    // The handler may run after this connection is gone, so it only touches the shared IoState.
    io_->timer.async_wait([io = io_, generation](const boost::system::error_code& ec) {
        if (ec || io->generation != generation) return;
        io->expired = true;
        boost::system::error_code ignored;
        io->socket.cancel(ignored);
    });
}

void Connection::disarm() {
    ++io_->generation;
    io_->timer.cancel();
}

bool Connection::ssl_pending() const {
    // Bytes OpenSSL already decrypted are invisible to the socket's readiness.
    if (!PQsslInUse(conn_)) return false;
    auto* ssl = static_cast<SSL*>(PQsslStruct(conn_, "OpenSSL"));
    return ssl != nullptr && SSL_pending(ssl) > 0;
}

std::string Connection::label() const { return label_of(command_name_, command_text_); }

void Connection::fail_connection(std::string_view what) {
    broken_ = true;
    throw DbError(DbError::Kind::unavailable, label() + ": connection lost: " + std::string(what));
}

asio::awaitable<void> Connection::wait(bool for_read) {
    if (!io_->expired) {
        auto [ec] = co_await io_->socket.async_wait(
            for_read ? asio::posix::stream_descriptor::wait_read : asio::posix::stream_descriptor::wait_write,
            asio::as_tuple(asio::use_awaitable));
        if (!ec && !io_->expired) co_return;
        if (!io_->expired) {
            broken_ = true;
            throw DbError(DbError::Kind::unavailable,
                          label() + ": " +
                              (aborted_ ? std::string("connection closed: the pool is shutting down")
                                        : "socket wait failed: " + ec.message()));
        }
    }
    broken_ = true;
    throw DbError(DbError::Kind::timeout, label() + ": no reply before the client deadline");
}

// `copy_in`: a COPY FROM STDIN is expected; its start ends the collection (the data comes next).
asio::awaitable<Connection::Outcome> Connection::collect(bool copy_in) {
    for (;;) {
        const int flushed = PQflush(conn_);
        if (flushed == 0) break;
        if (flushed < 0) fail_connection(libpq_message(conn_));
        co_await wait(false);
    }

    Outcome out;
    for (;;) {
        bool done = false;
        while (!PQisBusy(conn_)) {
            PGresult* res = PQgetResult(conn_);
            if (res == nullptr) {
                done = true;
                break;
            }
            const ExecStatusType status = PQresultStatus(res);
            if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
                got_response_ = true;
                if (!out.error)
                    out.result = Result(res);
                else
                    PQclear(res);
            } else if (status == PGRES_COPY_IN && copy_in && !out.error) {
                PQclear(res);
                got_response_ = true;
                out.copy_in = true;
                co_return out;
            } else if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH) {
                // The session is now in COPY mode, which nothing here drives: give it up.
                PQclear(res);
                broken_ = true;
                got_response_ = true;
                throw DbError(DbError::Kind::query, label() + ": COPY is not supported");
            } else {
                DbError error = error_from(res, label());
                PQclear(res);
                if (!is_connection_lost(error.sqlstate)) got_response_ = true;
                if (!out.error) out.error.emplace(std::move(error));
            }
        }
        if (done) break;
        if (!ssl_pending()) co_await wait(true);
        if (!PQconsumeInput(conn_)) {
            if (out.error && is_connection_lost(out.error->sqlstate)) break;  // e.g. 57P01, then EOF
            fail_connection(libpq_message(conn_));
        }
    }
    if (out.error && (PQstatus(conn_) == CONNECTION_BAD || is_connection_lost(out.error->sqlstate))) {
        broken_ = true;
        out.error->kind = DbError::Kind::unavailable;
    }
    co_return out;
}

asio::awaitable<Result> Connection::run(std::string_view name, std::string_view text, const ParamList& params,
                                        Clock::time_point deadline) {
    const Armed armed(*this, deadline);
    bool retry = false;
    Result result = co_await run_once(name, text, params, retry);
    if (!retry) co_return result;
    co_return co_await run_once(name, text, params, retry);
}

asio::awaitable<Result> Connection::run_once(std::string_view name, std::string_view text, const ParamList& params,
                                             bool& retry) {
    const bool first_try = !retry;
    retry = false;
    command_name_ = name;
    command_text_ = text;
    const std::string* statement = nullptr;
    if (!name.empty()) {
        auto it = prepared_.find(name);
        if (it == prepared_.end()) {
            std::string statement_name(name);
            if (!PQsendPrepare(conn_, statement_name.c_str(), std::string(text).c_str(), 0, nullptr)) {
                fail_connection(libpq_message(conn_));
            }
            Outcome prepared = co_await collect();
            if (prepared.error) throw std::move(*prepared.error);
            it = prepared_.insert(std::move(statement_name)).first;
        }
        statement = &*it;
    }

    const auto values = params.pointers();
    const int sent = statement != nullptr ? PQsendQueryPrepared(conn_, statement->c_str(), params.size(), values.data(),
                                                                nullptr, nullptr, 0)
                                          : PQsendQueryParams(conn_, std::string(text).c_str(), params.size(), nullptr,
                                                              values.data(), nullptr, nullptr, 0);
    if (!sent) fail_connection(libpq_message(conn_));
    Outcome out = co_await collect();
    if (!out.error) co_return std::move(out.result);

    // A prepared statement can go stale: dropped by DEALLOCATE/DISCARD (26000), or its result columns
    // changed under it by a migration (0A000). Forget it; outside a transaction prepare it again.
    if (statement != nullptr && !broken_) {
        const std::string& state = out.error->sqlstate;
        const bool changed =
            state == "0A000" && std::string_view(out.error->what()).find("cached plan must not change result type") !=
                                    std::string_view::npos;
        if (state == "26000" || changed) {
            const bool outside_transaction = PQtransactionStatus(conn_) == PQTRANS_IDLE;
            prepared_.erase(prepared_.find(name));
            if (changed) {
                if (!outside_transaction) {
                    broken_ = true;  // cannot DEALLOCATE in a failed transaction: use a fresh session next time
                } else {
                    if (!PQsendQuery(conn_, ("DEALLOCATE " + text::quote_identifier(name)).c_str())) {
                        fail_connection(libpq_message(conn_));
                    }
                    Outcome dropped = co_await collect();
                    if (dropped.error) throw std::move(*dropped.error);
                }
            }
            if (outside_transaction && first_try) {
                retry = true;
                co_return Result{};
            }
        }
    }
    throw std::move(*out.error);
}

void Connection::send_simple(std::string_view sql) {
    command_name_ = {};
    command_text_ = sql;
    if (!PQsendQuery(conn_, std::string(sql).c_str())) fail_connection(libpq_message(conn_));
}

asio::awaitable<Result> Connection::run_script(std::string_view sql, Clock::time_point deadline) {
    const Armed armed(*this, deadline);
    send_simple(sql);
    Outcome out = co_await collect();
    if (out.error) throw std::move(*out.error);
    co_return std::move(out.result);
}

asio::awaitable<std::vector<Notification>> Connection::notifications() {
    const Armed armed(*this, Clock::time_point::max());
    command_name_ = "wait for notifications";
    command_text_ = {};
    std::vector<Notification> out;
    for (;;) {
        if (!PQconsumeInput(conn_)) fail_connection(libpq_message(conn_));
        while (PGnotify* note = PQnotifies(conn_)) {
            out.push_back({note->relname, note->extra});
            PQfreemem(note);
        }
        if (!out.empty()) co_return out;
        if (!ssl_pending()) co_await wait(true);
    }
}

asio::awaitable<std::int64_t> Connection::copy_in(std::string_view sql, std::string_view data,
                                                  Clock::time_point deadline) {
    const Armed armed(*this, deadline);
    send_simple(sql);
    Outcome started = co_await collect(true);
    if (started.error) throw std::move(*started.error);
    if (!started.copy_in) throw DbError(DbError::Kind::query, label() + ": not a COPY FROM STDIN");

    // In non-blocking mode libpq takes data while its buffer has room and returns 0 when full.
    constexpr std::size_t kChunk = 256 * 1024;
    while (!data.empty()) {
        const std::size_t n = std::min(kChunk, data.size());
        const int put = PQputCopyData(conn_, data.data(), static_cast<int>(n));
        if (put < 0) fail_connection(libpq_message(conn_));
        if (put == 1) {
            data.remove_prefix(n);
            continue;
        }
        co_await wait(false);
        if (PQflush(conn_) < 0) fail_connection(libpq_message(conn_));
    }
    for (;;) {
        const int ended = PQputCopyEnd(conn_, nullptr);
        if (ended < 0) fail_connection(libpq_message(conn_));
        if (ended == 1) break;
        co_await wait(false);
    }
    Outcome out = co_await collect();
    if (out.error) throw std::move(*out.error);
    co_return out.result.affected_rows();
}

bool Connection::in_transaction() const { return PQtransactionStatus(conn_) != PQTRANS_IDLE; }

bool Connection::transaction_failed() const { return PQtransactionStatus(conn_) == PQTRANS_INERROR; }

bool Connection::check_health() {
    if (broken_ || PQstatus(conn_) != CONNECTION_OK) return false;
    // Nothing should arrive on an idle session; when something did, it is usually the server's
    // "terminating connection" followed by EOF. Read it now rather than fail the next query.
    for (int i = 0; i < 4; ++i) {
        pollfd p{PQsocket(conn_), POLLIN, 0};
        if (::poll(&p, 1, 0) <= 0) break;
        if (!PQconsumeInput(conn_)) return false;
        while (PGnotify* note = PQnotifies(conn_)) PQfreemem(note);
    }
    return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

void Connection::abort() {
    aborted_ = true;
    broken_ = true;
    boost::system::error_code ignored;
    io_->socket.cancel(ignored);
}

}  // namespace superapp::platform::db
