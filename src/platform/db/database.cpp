#include "platform/db/database.hpp"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <limits>
#include <random>
#include <stdexcept>

#include "platform/core/log.hpp"
#include "platform/db/connection.hpp"

namespace superapp::platform::db {

namespace asio = boost::asio;

namespace {

// The server's statement_timeout should answer first; this margin only covers a silent network.
constexpr auto kClientMargin = std::chrono::seconds(1);
constexpr auto kPingTimeout = std::chrono::seconds(1);
constexpr int kTxAttempts = 3;
constexpr std::size_t kNoShard = std::numeric_limits<std::size_t>::max();

thread_local std::size_t t_shard = kNoShard;

Clock::time_point deadline_after(std::chrono::milliseconds timeout) {
    if (timeout.count() <= 0) return Clock::time_point::max();
    return Clock::now() + timeout + kClientMargin;
}

const char* begin_statement(Isolation isolation) {
    switch (isolation) {
        case Isolation::read_committed: return "BEGIN";
        case Isolation::repeatable_read: return "BEGIN ISOLATION LEVEL REPEATABLE READ";
        case Isolation::serializable: return "BEGIN ISOLATION LEVEL SERIALIZABLE";
    }
    return "BEGIN";
}

std::chrono::milliseconds retry_backoff(int attempt) {
    thread_local std::minstd_rand random{std::random_device{}()};
    std::uniform_int_distribution<int> jitter(5, 25);
    return std::chrono::milliseconds(jitter(random) * attempt);
}

PoolOptions shard_options(PoolOptions options, std::size_t shards) {
    const int n = static_cast<int>(std::max<std::size_t>(shards, 1));
    options.max_connections = std::max(1, options.max_connections / n);
    options.min_connections = std::min(options.min_connections / n, options.max_connections);
    return options;
}

// Whether a failed statement may be sent again on a fresh connection: only when it provably never ran,
// because the reused session was already gone, and never inside a transaction.
bool lost_before_running(const DbError& e, const Lease& lease) {
    return e.kind == DbError::Kind::unavailable && lease.reused() && lease->lost_before_response();
}

}  // namespace

// ---- Tx ----

Clock::time_point Tx::deadline() const { return deadline_after(timeout_); }

asio::awaitable<Result> Tx::run(Query q, std::string owned_text, ParamList params) {
    if (!open_ || !lease_) throw std::logic_error("statement run on a finished transaction");
    const std::string_view text = owned_text.empty() ? q.text : std::string_view(owned_text);
    co_return co_await lease_->run(q.name, text, params, deadline());
}

asio::awaitable<std::int64_t> Tx::copy_in(std::string_view copy_sql, std::string_view rows) {
    if (!open_ || !lease_) throw std::logic_error("statement run on a finished transaction");
    co_return co_await lease_->copy_in(copy_sql, rows, deadline());
}

asio::awaitable<void> Tx::script(std::string sql) {
    if (!open_ || !lease_) throw std::logic_error("statement run on a finished transaction");
    co_await lease_->run_script(sql, deadline());
}

asio::awaitable<void> Tx::set_statement_timeout(std::chrono::milliseconds timeout) {
    co_await run(Query{}, "SELECT set_config('statement_timeout', $1, true)",
                 encode_params(std::to_string(std::max<std::int64_t>(timeout.count(), 0))));
    timeout_ = timeout;
}

asio::awaitable<void> Tx::commit() {
    open_ = false;
    // COMMIT of a transaction that already failed would quietly roll back and report success.
    if (lease_->transaction_failed()) {
        throw DbError(DbError::Kind::query, "transaction failed earlier and was rolled back", "25P02");
    }
    co_await lease_->run_script("COMMIT", deadline());
}

asio::awaitable<void> Tx::rollback() {
    if (!lease_ || lease_->broken() || !lease_->in_transaction()) co_return;
    open_ = false;
    try {
        co_await lease_->run_script("ROLLBACK", deadline_after(timeout_));
    } catch (const std::exception& e) {
        // The connection is broken() now and will be closed when the lease ends.
        core::log::warn("database rollback failed", {{"error", e.what()}});
    }
}

// ---- Database ----

Database::Database(PoolOptions options, const std::vector<asio::io_context*>& shards) : options_(std::move(options)) {
    if (shards.empty()) throw std::invalid_argument("Database needs at least one shard");
    const PoolOptions per_shard = shard_options(options_, shards.size());
    pools_.reserve(shards.size());
    for (asio::io_context* ctx : shards) pools_.push_back(std::make_shared<Pool>(*ctx, per_shard));
    for (const auto& pool : pools_) Pool::start(pool);
}

Database::Database(PoolOptions options, asio::io_context& ctx)
    : Database(std::move(options), std::vector<asio::io_context*>{&ctx}) {}

Database::~Database() {
    // Pools live on while connections are lent; stop them on their own threads.
    for (const auto& pool : pools_) {
        asio::post(pool->context(), [pool] { pool->stop(); });
    }
}

void Database::set_thread_shard(std::size_t index) { t_shard = index; }

Pool& Database::current_pool() const {
    if (t_shard < pools_.size()) {
        Pool& pool = *pools_[t_shard];
        if (pool.context().get_executor().running_in_this_thread()) return pool;
    }
    for (const auto& pool : pools_) {
        if (pool->context().get_executor().running_in_this_thread()) return *pool;
    }
    throw std::logic_error("Database used from a thread that runs none of its shards");
}

asio::awaitable<Result> Database::run(Query q, std::string owned_text, ParamList params) {
    Pool& pool = current_pool();
    const std::string_view text = owned_text.empty() ? q.text : std::string_view(owned_text);
    for (int attempt = 0;; ++attempt) {
        Lease lease = co_await pool.acquire();
        try {
            co_return co_await lease->run(q.name, text, params, deadline_after(options_.query_timeout));
        } catch (const DbError& e) {
            if (attempt > 0 || !lost_before_running(e, lease)) throw;
            core::log::info("database connection was lost while idle; retrying on a new one",
                            {{"query", q.name.empty() ? "sql" : q.name}, {"error", e.what()}});
        }
        pool.discard_idle();
    }
}

asio::awaitable<Tx> Database::begin(Isolation isolation) {
    Pool& pool = current_pool();
    for (int attempt = 0;; ++attempt) {
        Lease lease = co_await pool.acquire();
        try {
            co_await lease->run_script(begin_statement(isolation), deadline_after(options_.query_timeout));
            co_return Tx(std::move(lease), options_.query_timeout);
        } catch (const DbError& e) {
            if (attempt > 0 || !lost_before_running(e, lease)) throw;
            core::log::info("database connection was lost while idle; retrying on a new one",
                            {{"query", "BEGIN"}, {"error", e.what()}});
        }
        pool.discard_idle();
    }
}

asio::awaitable<void> Database::end_failed(Tx& tx, std::exception_ptr failure, int attempt) {
    co_await tx.rollback();
    bool retry = false;
    std::string sqlstate;
    try {
        std::rethrow_exception(failure);
    } catch (const DbError& e) {
        retry = e.kind == DbError::Kind::serialization && attempt < kTxAttempts;
        sqlstate = e.sqlstate;
    } catch (...) {
    }
    if (!retry) std::rethrow_exception(failure);
    core::log::debug("transaction conflict; running it again", {{"sqlstate", sqlstate}, {"attempt", attempt}});
    asio::steady_timer pause(co_await asio::this_coro::executor);
    pause.expires_after(retry_backoff(attempt));
    co_await pause.async_wait(asio::use_awaitable);
}

asio::awaitable<bool> Database::ping() {
    try {
        Pool& pool = current_pool();
        Lease lease =
            co_await pool.acquire(std::min<std::chrono::milliseconds>(options_.acquire_timeout, kPingTimeout));
        co_await lease->run({}, "SELECT 1", ParamList{}, Clock::now() + kPingTimeout);
        co_return true;
    } catch (const std::exception& e) {
        core::log::debug("database ping failed", {{"error", e.what()}});
    }
    co_return false;
}

PoolStats Database::stats() const {
    PoolStats total;
    for (const auto& pool : pools_) {
        const PoolStats s = pool->stats();
        total.size += s.size;
        total.in_use += s.in_use;
        total.idle += s.idle;
        total.waiting += s.waiting;
    }
    return total;
}

asio::awaitable<void> Database::close(std::chrono::milliseconds grace) {
    const auto deadline = Clock::now() + grace;
    for (const auto& pool : pools_) {
        co_await asio::co_spawn(pool->context(), Pool::close(pool, deadline), asio::use_awaitable);
    }
}

}  // namespace superapp::platform::db
