#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "platform/db/error.hpp"
#include "platform/db/options.hpp"
#include "platform/db/params.hpp"
#include "platform/db/pool.hpp"
#include "platform/db/query.hpp"
#include "platform/db/result.hpp"

namespace superapp::platform::db {

enum class Isolation { read_committed, repeatable_read, serializable };

/// The open transaction handed to a Database::transaction function. Statements run on its one
/// connection; a failure leaves the transaction aborted, and the function should let it propagate.
class Tx {
  public:
    Tx(Tx&&) noexcept = default;
    Tx& operator=(Tx&&) noexcept = default;
    ~Tx() = default;

    /// Runs a named query (prepared once per connection). Throws DbError. Shard thread.
    template <class... Ps>
    boost::asio::awaitable<Result> query(Query q, const Ps&... params) {
        return run(q, std::string(), encode_params(params...));
    }
    /// Runs one-off SQL with $n parameters, unprepared. Throws DbError. Shard thread.
    template <class... Ps>
    boost::asio::awaitable<Result> execute(std::string_view sql, const Ps&... params) {
        return run(Query{}, std::string(sql), encode_params(params...));
    }
    /// Runs one-off SQL whose parameter list was built at run time (a filter from fixed fragments).
    /// Throws DbError. Shard thread.
    boost::asio::awaitable<Result> execute_params(std::string_view sql, ParamList params) {
        return run(Query{}, std::string(sql), std::move(params));
    }
    /// Runs a query whose parameter list was built at run time (see shaped_query). Throws DbError.
    /// Shard thread.
    boost::asio::awaitable<Result> query_params(Query q, ParamList params) {
        return run(q, std::string(), std::move(params));
    }
    /// Runs `COPY ... FROM STDIN` (text format) and sends `rows` as its data: one line per row,
    /// tab-separated, escaped as COPY's text format wants. Returns the rows copied. Throws DbError.
    /// Shard thread.
    boost::asio::awaitable<std::int64_t> copy_in(std::string_view copy_sql, std::string_view rows);
    /// Runs ';'-separated statements without parameters (simple protocol), e.g. a migration file. It must
    /// not hold BEGIN/COMMIT. Throws DbError. Shard thread.
    boost::asio::awaitable<void> execute_script(std::string_view sql) { return script(std::string(sql)); }
    /// Sets this transaction's statement_timeout (SET LOCAL) and the client deadline of its later
    /// statements; 0 disables both. Throws DbError. Shard thread.
    boost::asio::awaitable<void> set_statement_timeout(std::chrono::milliseconds timeout);

  private:
    friend class Database;
    Tx(Lease lease, std::chrono::milliseconds timeout) : lease_(std::move(lease)), timeout_(timeout) {}

    boost::asio::awaitable<Result> run(Query q, std::string owned_text, ParamList params);
    boost::asio::awaitable<void> script(std::string sql);
    boost::asio::awaitable<void> commit();
    boost::asio::awaitable<void> rollback();
    Clock::time_point deadline() const;

    Lease lease_;
    std::chrono::milliseconds timeout_;
    bool open_ = true;
};

/// What a transaction function's awaitable yields; not a type (so not a candidate) unless
/// fn(Tx&, Args&...) can be called.
template <class Fn, class... Args>
using TxResult = typename std::invoke_result_t<Fn&, Tx&, Args&...>::value_type;

/// The database as feature code sees it: one connection pool per shard (io thread), each call served by
/// the pool of the thread it runs on, so no pool is ever touched by two threads.
class Database {
  public:
    /// Builds one pool per shard; connections open on demand (min_connections in the background). The
    /// io_contexts must outlive the Database. Throws std::invalid_argument on a malformed conninfo.
    /// Any thread, before the shards serve requests.
    Database(PoolOptions options, const std::vector<boost::asio::io_context*>& shards);
    /// A single-shard database (the CLI, tests).
    Database(PoolOptions options, boost::asio::io_context& ctx);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// Records that the calling thread runs shard `index` (a lookup saved per call). Each shard thread,
    /// once, before running its io_context. Without it the pool is found by asking each shard.
    static void set_thread_shard(std::size_t index);

    /// Runs a named query, prepared once per connection. A reused connection found dead before any reply
    /// is replaced and the query sent once more. Throws DbError. Shard thread.
    template <class... Ps>
    boost::asio::awaitable<Result> query(Query q, const Ps&... params) {
        return run(q, std::string(), encode_params(params...));
    }
    /// Runs one-off SQL with $n parameters, unprepared. Throws DbError as query(). Shard thread.
    template <class... Ps>
    boost::asio::awaitable<Result> execute(std::string_view sql, const Ps&... params) {
        return run(Query{}, std::string(sql), encode_params(params...));
    }

    /// Runs one-off SQL whose parameter list was built at run time (a filter from fixed fragments).
    /// Throws DbError as query(). Shard thread.
    boost::asio::awaitable<Result> execute_params(std::string_view sql, ParamList params) {
        return run(Query{}, std::string(sql), std::move(params));
    }
    /// Runs a query whose parameter list was built at run time (see shaped_query). Throws DbError as
    /// query(). Shard thread.
    boost::asio::awaitable<Result> query_params(Query q, ParamList params) {
        return run(q, std::string(), std::move(params));
    }
    /// BEGIN; co_await fn(tx, args...); COMMIT, returning fn's value. On any exception: ROLLBACK and
    /// rethrow; on 40001/40P01 the whole fn runs again (3 attempts in all, jittered backoff). `fn` must be
    /// a named coroutine function or a capture-less lambda; args are copied once and passed as lvalues to
    /// every attempt (wrap big ones in std::cref). Inside fn use `tx`, not the Database: a second
    /// connection can wait on the first's locks. Throws DbError or what fn throws. Shard thread.
    template <class Fn, class... Args>
    boost::asio::awaitable<TxResult<Fn, Args...>> transaction(Fn fn, Args... args) {
        return transaction(Isolation::read_committed, std::move(fn), std::move(args)...);
    }
    /// Same, at the given isolation level.
    template <class Fn, class... Args>
    boost::asio::awaitable<TxResult<Fn, Args...>> transaction(Isolation isolation, Fn fn, Args... args);

    /// Returns true when SELECT 1 succeeds within about a second; false otherwise. Never throws. Shard
    /// thread.
    boost::asio::awaitable<bool> ping();
    /// Returns connection counts summed over all shards. Any thread.
    PoolStats stats() const;
    /// Closes every shard's pool: new calls fail (unavailable), lent connections get until `grace` to come
    /// back, then in-flight statements are aborted. Every shard's io_context must still be running. Any
    /// coroutine.
    boost::asio::awaitable<void> close(std::chrono::milliseconds grace = std::chrono::seconds(5));

  private:
    Pool& current_pool() const;
    boost::asio::awaitable<Result> run(Query q, std::string owned_text, ParamList params);
    boost::asio::awaitable<Tx> begin(Isolation isolation);
    boost::asio::awaitable<void> end_failed(Tx& tx, std::exception_ptr failure, int attempt);

    PoolOptions options_;
    std::vector<std::shared_ptr<Pool>> pools_;
};

template <class Fn, class... Args>
boost::asio::awaitable<TxResult<Fn, Args...>> Database::transaction(Isolation isolation, Fn fn, Args... args) {
    using R = TxResult<Fn, Args...>;
    for (int attempt = 1;; ++attempt) {
        Tx tx = co_await begin(isolation);
        std::exception_ptr failure;
        try {
            if constexpr (std::is_void_v<R>) {
                co_await std::invoke(fn, tx, args...);
                co_await tx.commit();
                co_return;
            } else {
                R value = co_await std::invoke(fn, tx, args...);
                co_await tx.commit();
                co_return std::move(value);
            }
        } catch (...) {
            failure = std::current_exception();
        }
        co_await end_failed(tx, failure, attempt);  // rethrows unless another attempt is due
    }
}

}  // namespace superapp::platform::db
