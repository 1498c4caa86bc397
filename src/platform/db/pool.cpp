#include "platform/db/pool.hpp"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <optional>

#include "platform/core/log.hpp"
#include "platform/db/connection.hpp"
#include "platform/db/error.hpp"

namespace superapp::platform::db {

namespace asio = boost::asio;

namespace {

// A connection idle this long is checked (without a round trip) before it is lent again.
constexpr auto kCheckIdleAfter = std::chrono::seconds(1);
// Connection failures are logged at most this often; the rest are counted into the next line.
constexpr auto kConnectWarningInterval = std::chrono::seconds(5);

}  // namespace

struct Pool::Waiter {
    enum class Outcome { waiting, connection, slot, closed, taken };

    Waiter(Pool& pool, std::chrono::milliseconds timeout) : pool(pool), timer(pool.ctx_) {
        timer.expires_after(timeout);
        pool.waiters_.push_back(this);
        pool.publish();
    }
    // Runs however the waiting coroutine ends, including when its frame is destroyed unresumed.
    ~Waiter() {
        switch (outcome) {
            case Outcome::waiting: {
                auto it = std::find(pool.waiters_.begin(), pool.waiters_.end(), this);
                if (it != pool.waiters_.end()) pool.waiters_.erase(it);
                break;
            }
            case Outcome::connection: pool.release(conn); break;
            case Outcome::slot:
                --pool.size_;
                --pool.in_use_;
                pool.slot_freed();
                break;
            case Outcome::closed:
            case Outcome::taken: break;
        }
        pool.publish();
    }
    Waiter(const Waiter&) = delete;
    Waiter& operator=(const Waiter&) = delete;

    void wake(Outcome result, Connection* granted = nullptr) noexcept {
        outcome = result;
        conn = granted;
        try {
            timer.cancel();
        } catch (...) {
            // cancel only fails for a broken reactor; the waiter then wakes at its deadline and still
            // finds its outcome.
        }
    }

    Pool& pool;
    asio::steady_timer timer;
    Outcome outcome = Outcome::waiting;
    Connection* conn = nullptr;
};

// ---- Lease ----

Lease::Lease(std::shared_ptr<Pool> pool, Connection* conn)
    : pool_(std::move(pool)), conn_(conn), reused_(conn->uses > 0) {
    ++conn->uses;
}

Lease::Lease(Lease&& other) noexcept
    : pool_(std::move(other.pool_)), conn_(std::exchange(other.conn_, nullptr)), reused_(other.reused_) {}

Lease& Lease::operator=(Lease&& other) noexcept {
    if (this != &other) {
        reset();
        pool_ = std::move(other.pool_);
        conn_ = std::exchange(other.conn_, nullptr);
        reused_ = other.reused_;
    }
    return *this;
}

Lease::~Lease() { reset(); }

void Lease::reset() noexcept {
    if (conn_ != nullptr) pool_->release(std::exchange(conn_, nullptr));
    pool_.reset();
}

// ---- Pool ----

Pool::Pool(asio::io_context& ctx, PoolOptions options)
    : ctx_(ctx), options_(std::move(options)), spec_(std::make_unique<ConnectSpec>(options_)), upkeep_timer_(ctx) {
    options_.max_connections = std::max(1, options_.max_connections);
    options_.min_connections = std::clamp(options_.min_connections, 0, options_.max_connections);
}

Pool::~Pool() {
    idle_.clear();
    connections_.clear();
}

void Pool::start(const std::shared_ptr<Pool>& pool) {
    if (pool->options_.min_connections == 0) return;
    asio::post(pool->ctx_, [pool] { pool->ensure_upkeep(); });
}

PoolStats Pool::stats() const {
    return PoolStats{stat_size_.load(std::memory_order_relaxed), stat_in_use_.load(std::memory_order_relaxed),
                     stat_idle_.load(std::memory_order_relaxed), stat_waiting_.load(std::memory_order_relaxed)};
}

void Pool::publish() noexcept {
    stat_size_.store(size_, std::memory_order_relaxed);
    stat_in_use_.store(in_use_, std::memory_order_relaxed);
    stat_idle_.store(static_cast<int>(idle_.size()), std::memory_order_relaxed);
    stat_waiting_.store(static_cast<int>(waiters_.size()), std::memory_order_relaxed);
}

asio::awaitable<Lease> Pool::acquire(std::chrono::milliseconds timeout) {
    auto self = shared_from_this();
    if (closing_) throw DbError(DbError::Kind::unavailable, "database pool is closed");

    if (waiters_.empty()) {
        while (!idle_.empty()) {
            Connection* conn = idle_.back();
            idle_.pop_back();
            if (Clock::now() - conn->idle_since > kCheckIdleAfter && !conn->check_health()) {
                destroy(conn);
                continue;
            }
            ++in_use_;
            publish();
            co_return Lease(self, conn);
        }
        if (size_ < options_.max_connections) {
            ++size_;
            ++in_use_;
            publish();
            Connection* conn = co_await open_counted();
            co_return Lease(self, conn);
        }
    }

    Waiter waiter(*this, timeout);
    co_await waiter.timer.async_wait(asio::as_tuple(asio::use_awaitable));
    switch (waiter.outcome) {
        case Waiter::Outcome::connection: {
            waiter.outcome = Waiter::Outcome::taken;
            co_return Lease(self, waiter.conn);
        }
        case Waiter::Outcome::slot: {
            waiter.outcome = Waiter::Outcome::taken;
            Connection* conn = co_await open_counted();
            co_return Lease(self, conn);
        }
        case Waiter::Outcome::closed: throw DbError(DbError::Kind::unavailable, "database pool is closed");
        case Waiter::Outcome::waiting:
        case Waiter::Outcome::taken: break;
    }
    throw DbError(DbError::Kind::unavailable,
                  "database pool exhausted: no connection free within " + std::to_string(timeout.count()) + " ms");
}

// The caller has already counted the new connection in size_ and in_use_.
asio::awaitable<Connection*> Pool::open_counted() {
    std::unique_ptr<Connection> conn;
    std::exception_ptr failure;
    std::string what;
    try {
        conn = co_await Connection::open(ctx_, *spec_, Clock::now() + options_.connect_timeout);
    } catch (const std::exception& e) {
        failure = std::current_exception();
        what = e.what();
    }
    if (failure || closing_) {
        --size_;
        --in_use_;
        if (failure) {
            note_connect_failure(what);
            slot_freed();
        }
        publish();
        if (failure) std::rethrow_exception(failure);
        throw DbError(DbError::Kind::unavailable, "database pool is closed");
    }
    if (unlogged_connect_failures_ > 0 || last_connect_warning_ != Clock::time_point{}) {
        core::log::info("database connection restored", {{"failed_attempts", unlogged_connect_failures_}});
        unlogged_connect_failures_ = 0;
        last_connect_warning_ = Clock::time_point{};
    }
    Connection* raw = conn.get();
    connections_.push_back(std::move(conn));
    co_return raw;
}

void Pool::note_connect_failure(const std::string& what) {
    const auto now = Clock::now();
    if (now - last_connect_warning_ < kConnectWarningInterval) {
        ++unlogged_connect_failures_;
        return;
    }
    core::log::warn("cannot connect to the database",
                    {{"error", what}, {"failures_since_last_warning", unlogged_connect_failures_}});
    last_connect_warning_ = now;
    unlogged_connect_failures_ = 0;
}

void Pool::release(Connection* conn) noexcept {
    --in_use_;
    if (closing_ || conn->broken() || conn->in_transaction()) {
        destroy(conn);
        slot_freed();
    } else {
        make_idle(conn);
    }
    publish();
}

void Pool::make_idle(Connection* conn) noexcept {
    if (!waiters_.empty()) {
        Waiter* next = waiters_.front();
        waiters_.pop_front();
        ++in_use_;
        next->wake(Waiter::Outcome::connection, conn);
        return;
    }
    conn->idle_since = Clock::now();
    idle_.push_back(conn);
    try {
        ensure_upkeep();
    } catch (...) {
        // Without upkeep the idle connection is simply kept; acquire still checks it before use.
    }
}

void Pool::destroy(Connection* conn) noexcept {
    auto idle_it = std::find(idle_.begin(), idle_.end(), conn);
    if (idle_it != idle_.end()) idle_.erase(idle_it);
    auto it = std::find_if(connections_.begin(), connections_.end(),
                           [conn](const std::unique_ptr<Connection>& c) { return c.get() == conn; });
    if (it != connections_.end()) connections_.erase(it);
    --size_;
}

// A connection slot became free: the next waiter may open a connection of its own.
void Pool::slot_freed() noexcept {
    if (closing_ || waiters_.empty() || size_ >= options_.max_connections) return;
    Waiter* next = waiters_.front();
    waiters_.pop_front();
    ++size_;
    ++in_use_;
    next->wake(Waiter::Outcome::slot);
}

void Pool::discard_idle() noexcept {
    while (!idle_.empty()) destroy(idle_.back());
    publish();
}

void Pool::reap_idle() noexcept {
    const auto now = Clock::now();
    // Oldest first; connections beyond min_connections that idled past idle_timeout are closed.
    while (!idle_.empty() && size_ > options_.min_connections &&
           now - idle_.front()->idle_since > options_.idle_timeout) {
        destroy(idle_.front());
    }
    std::vector<Connection*> dead;
    for (Connection* conn : idle_) {
        if (!conn->check_health()) dead.push_back(conn);
    }
    for (Connection* conn : dead) destroy(conn);
    publish();
}

void Pool::ensure_upkeep() {
    if (upkeep_running_ || closing_) return;
    upkeep_running_ = true;
    asio::co_spawn(ctx_, upkeep(shared_from_this()), asio::detached);
}

// Runs only while there is something to look after, so an idle io_context can still run out of work.
asio::awaitable<void> Pool::upkeep(std::shared_ptr<Pool> pool) {
    const auto interval = std::clamp<std::chrono::milliseconds>(
        pool->options_.idle_timeout / 4, std::chrono::milliseconds(250), std::chrono::milliseconds(5000));
    while (!pool->closing_) {
        while (!pool->closing_ && pool->size_ < pool->options_.min_connections && pool->waiters_.empty()) {
            ++pool->size_;
            ++pool->in_use_;
            pool->publish();
            Connection* conn = nullptr;
            try {
                conn = co_await pool->open_counted();
            } catch (const std::exception&) {
                break;  // logged by open_counted; try again next round
            }
            pool->release(conn);
        }
        if (pool->idle_.empty() && pool->size_ >= pool->options_.min_connections) break;
        pool->upkeep_timer_.expires_after(interval);
        co_await pool->upkeep_timer_.async_wait(asio::as_tuple(asio::use_awaitable));
        if (pool->closing_) break;
        pool->reap_idle();
    }
    pool->upkeep_running_ = false;
}

void Pool::stop() noexcept {
    closing_ = true;
    try {
        upkeep_timer_.cancel();
    } catch (...) {
        // the upkeep loop then ends at its next tick
    }
    while (!waiters_.empty()) {
        Waiter* next = waiters_.front();
        waiters_.pop_front();
        next->wake(Waiter::Outcome::closed);
    }
    discard_idle();
}

asio::awaitable<void> Pool::close(std::shared_ptr<Pool> pool, Clock::time_point deadline) {
    pool->stop();
    asio::steady_timer tick(pool->ctx_);
    while (pool->in_use_ > 0 && Clock::now() < deadline) {
        tick.expires_after(std::chrono::milliseconds(10));
        co_await tick.async_wait(asio::as_tuple(asio::use_awaitable));
    }
    if (pool->in_use_ > 0) {
        core::log::warn("closing database connections still in use", {{"in_use", pool->in_use_}});
        for (auto& conn : pool->connections_) conn->abort();
    }
    pool->publish();
}

}  // namespace superapp::platform::db
