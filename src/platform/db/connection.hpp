#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "platform/db/options.hpp"
#include "platform/db/params.hpp"
#include "platform/db/result.hpp"

struct pg_conn;  // libpq's PGconn

namespace superapp::platform::db {

using Clock = std::chrono::steady_clock;

/// Where and how to connect, parsed once from PoolOptions: the caller's conninfo plus the session
/// settings every connection needs (UTC, ISO dates, UTF8, statement_timeout).
class ConnectSpec {
  public:
    /// Throws std::invalid_argument when the conninfo is malformed. Any thread.
    explicit ConnectSpec(const PoolOptions& options);

    /// Returns the libpq keyword/value pairs.
    const std::vector<std::pair<std::string, std::string>>& params() const { return params_; }
    /// Returns the host name to resolve before each connect (empty: libpq needs no lookup).
    const std::string& resolve_host() const { return resolve_host_; }
    const std::string& resolve_port() const { return resolve_port_; }

  private:
    std::vector<std::pair<std::string, std::string>> params_;
    std::string resolve_host_;
    std::string resolve_port_;
};

/// One NOTIFY received on a LISTENing session.
struct Notification {
    std::string channel;
    std::string payload;
};

/// One PostgreSQL session driven without blocking: every wait is an asio wait on the socket, bounded by
/// a deadline. Owned by a Pool; used by one coroutine at a time, on its shard's thread only.
class Connection {
  public:
    /// Opens a session. Throws DbError (unavailable; timeout when `deadline` passes first). Shard thread.
    static boost::asio::awaitable<std::unique_ptr<Connection>> open(boost::asio::io_context& ctx,
                                                                    const ConnectSpec& spec,
                                                                    Clock::time_point deadline);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    /// Runs one statement: prepared as `name` on first use then reused, or unnamed when `name` is empty.
    /// Throws DbError; on unavailable/timeout the connection is broken(). Shard thread.
    boost::asio::awaitable<Result> run(std::string_view name, std::string_view text, const ParamList& params,
                                       Clock::time_point deadline);
    /// Runs ';'-separated statements with the simple protocol and returns the last result. Throws DbError.
    boost::asio::awaitable<Result> run_script(std::string_view sql, Clock::time_point deadline);
    /// Runs `COPY ... FROM STDIN` and sends `data` (COPY text format) without blocking: a full send
    /// buffer is waited out on the socket. Returns the rows copied. Throws DbError. Shard thread.
    boost::asio::awaitable<std::int64_t> copy_in(std::string_view sql, std::string_view data,
                                                 Clock::time_point deadline);

    /// Waits, with no deadline, until NOTIFYs arrive for the channels this session LISTENs on and
    /// returns them in the order sent. Throws DbError (unavailable) when the session is lost or abort()
    /// is called. Shard thread.
    boost::asio::awaitable<std::vector<Notification>> notifications();

    /// Returns true when the session can not be reused (lost, timed out, aborted, protocol state unknown).
    bool broken() const { return broken_; }
    /// Returns true when the last command failed because the session was already gone: nothing was
    /// received for it, or only the server's "terminating connection" notice.
    bool lost_before_response() const { return broken_ && !got_response_; }
    /// Returns true when a transaction is open or failed on this session.
    bool in_transaction() const;
    /// Returns true when the open transaction hit an error: COMMIT would only roll it back.
    bool transaction_failed() const;
    /// Reads whatever arrived while idle (a shutdown notice, EOF) without blocking. Returns false when dead.
    bool check_health();
    /// Cancels any wait in progress and marks the connection broken. Shard thread.
    void abort();

    int uses = 0;                  ///< commands lent out for so far
    Clock::time_point idle_since;  ///< when it was last returned to the pool

  private:
    struct IoState;
    struct Outcome;
    struct Armed;
    struct NameHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };

    Connection(boost::asio::io_context& ctx, pg_conn* conn);

    void arm(Clock::time_point deadline);
    /// Sends `sql` with the simple protocol (no parameters), named in errors by its text.
    void send_simple(std::string_view sql);
    void disarm();
    void register_socket();
    bool ssl_pending() const;
    boost::asio::awaitable<void> wait(bool for_read);
    boost::asio::awaitable<Outcome> collect(bool copy_in = false);
    std::string label() const;  // names the current command in errors
    [[noreturn]] void fail_connection(std::string_view what);
    boost::asio::awaitable<Result> run_once(std::string_view name, std::string_view text, const ParamList& params,
                                            bool& retry);

    std::shared_ptr<IoState> io_;
    pg_conn* conn_;
    std::unordered_set<std::string, NameHash, std::equal_to<>> prepared_;
    bool broken_ = false;
    bool got_response_ = false;
    bool aborted_ = false;
    std::string_view command_name_;  // the command in progress, for error messages
    std::string_view command_text_;
};

}  // namespace superapp::platform::db
