#include "platform/db/pool.hpp"

#include <gtest/gtest.h>

#include <boost/asio/detached.hpp>
#include <chrono>

#include "db_test_support.hpp"
#include "platform/db/database.hpp"

namespace superapp::platform::db {
namespace {

namespace asio = boost::asio;
using std::chrono::milliseconds;
using test_support::run;
using test_support::sleep_for;

PoolOptions options_for(const std::string& conninfo, int max_connections) {
    PoolOptions options;
    options.conninfo = conninfo;
    options.max_connections = max_connections;
    return options;
}

struct Tally {
    int finished = 0;
    int failed = 0;
    int max_size = 0;
    int max_in_use = 0;
    int max_waiting = 0;
    std::vector<int> order;
};

asio::awaitable<void> sleepy_query(Database& db, Tally& tally, int index, double seconds) {
    try {
        co_await db.execute("SELECT pg_sleep($1)", seconds);
        tally.order.push_back(index);
    } catch (const DbError&) {
        ++tally.failed;
    }
    ++tally.finished;
}

asio::awaitable<void> watch_until(Database& db, Tally& tally, int expected) {
    for (int i = 0; i < 1000 && tally.finished < expected; ++i) {
        const PoolStats s = db.stats();
        tally.max_size = std::max(tally.max_size, s.size);
        tally.max_in_use = std::max(tally.max_in_use, s.in_use);
        tally.max_waiting = std::max(tally.max_waiting, s.waiting);
        co_await sleep_for(milliseconds(5));
    }
}

asio::awaitable<void> burst(Database& db, Tally& tally, int count, double seconds) {
    auto ex = co_await asio::this_coro::executor;
    for (int i = 0; i < count; ++i) asio::co_spawn(ex, sleepy_query(db, tally, i, seconds), asio::detached);
    co_await watch_until(db, tally, count);
    co_await db.close();
}

TEST(Pool, ABurstNeverOpensMoreThanMaxConnections) {
    REQUIRE_TEST_DATABASE(server);
    asio::io_context ctx;
    Database db(options_for(server, 2), ctx);
    Tally tally;
    run(ctx, burst(db, tally, 6, 0.1));
    EXPECT_EQ(tally.finished, 6);
    EXPECT_EQ(tally.failed, 0);
    EXPECT_EQ(tally.max_size, 2);
    EXPECT_EQ(tally.max_in_use, 2);
    EXPECT_EQ(tally.max_waiting, 4);
}

TEST(Pool, WaitersAreServedInArrivalOrder) {
    REQUIRE_TEST_DATABASE(server);
    asio::io_context ctx;
    Database db(options_for(server, 1), ctx);
    Tally tally;
    run(ctx, burst(db, tally, 5, 0.02));
    EXPECT_EQ(tally.order, (std::vector<int>{0, 1, 2, 3, 4}));
}

asio::awaitable<void> exhaust(Database& db, Tally& tally) {
    auto ex = co_await asio::this_coro::executor;
    asio::co_spawn(ex, sleepy_query(db, tally, 0, 0.6), asio::detached);
    co_await sleep_for(milliseconds(50));
    const auto started = std::chrono::steady_clock::now();
    try {
        co_await db.execute("SELECT 1");
        ADD_FAILURE() << "expected the pool to be exhausted";
    } catch (const DbError& e) {
        EXPECT_EQ(e.kind, DbError::Kind::unavailable);
        EXPECT_NE(std::string(e.what()).find("exhausted"), std::string::npos) << e.what();
    }
    const auto waited = std::chrono::steady_clock::now() - started;
    EXPECT_GE(waited, milliseconds(90));
    EXPECT_LT(waited, milliseconds(400));
    EXPECT_EQ(db.stats().waiting, 0);
    co_await watch_until(db, tally, 1);
    co_await db.close();
}

TEST(Pool, AcquireGivesUpAfterAcquireTimeout) {
    REQUIRE_TEST_DATABASE(server);
    asio::io_context ctx;
    PoolOptions options = options_for(server, 1);
    options.acquire_timeout = milliseconds(100);
    Database db(options, ctx);
    Tally tally;
    run(ctx, exhaust(db, tally));
    EXPECT_EQ(tally.failed, 0);
}

asio::awaitable<PoolStats> use_then_idle(Database& db, milliseconds idle_for) {
    co_await db.execute("SELECT 1");
    co_await sleep_for(idle_for);
    const PoolStats after = db.stats();
    co_await db.close();
    co_return after;
}

TEST(Pool, IdleConnectionsBeyondMinAreClosedAfterIdleTimeout) {
    REQUIRE_TEST_DATABASE(server);
    asio::io_context ctx;
    PoolOptions options = options_for(server, 2);
    options.idle_timeout = milliseconds(200);
    Database db(options, ctx);
    const PoolStats after = run(ctx, use_then_idle(db, milliseconds(900)));
    EXPECT_EQ(after.size, 0);
    EXPECT_EQ(after.idle, 0);
}

asio::awaitable<PoolStats> wait_a_little(Database& db) {
    co_await sleep_for(milliseconds(500));
    const PoolStats s = db.stats();
    co_await db.close();
    co_return s;
}

TEST(Pool, MinConnectionsOpenInTheBackground) {
    REQUIRE_TEST_DATABASE(server);
    asio::io_context ctx;
    PoolOptions options = options_for(server, 4);
    options.min_connections = 2;
    Database db(options, ctx);
    const PoolStats s = run(ctx, wait_a_little(db));
    EXPECT_EQ(s.size, 2);
    EXPECT_EQ(s.idle, 2);
}

asio::awaitable<void> close_while_busy(Database& db, Tally& tally) {
    auto ex = co_await asio::this_coro::executor;
    asio::co_spawn(ex, sleepy_query(db, tally, 0, 0.2), asio::detached);
    co_await sleep_for(milliseconds(50));
    co_await db.close(std::chrono::seconds(2));
    EXPECT_EQ(tally.finished, 1);  // close waited for the lent connection
    EXPECT_EQ(db.stats().size, 0);
    try {
        co_await db.execute("SELECT 1");
        ADD_FAILURE() << "expected a closed pool to refuse work";
    } catch (const DbError& e) {
        EXPECT_EQ(e.kind, DbError::Kind::unavailable);
    }
}

TEST(Pool, CloseWaitsForLentConnectionsThenRefusesWork) {
    REQUIRE_TEST_DATABASE(server);
    asio::io_context ctx;
    Database db(options_for(server, 2), ctx);
    Tally tally;
    run(ctx, close_while_busy(db, tally));
    EXPECT_EQ(tally.failed, 0);
}

asio::awaitable<void> close_with_short_grace(Database& db, Tally& tally) {
    auto ex = co_await asio::this_coro::executor;
    asio::co_spawn(ex, sleepy_query(db, tally, 0, 2.0), asio::detached);
    co_await sleep_for(milliseconds(50));
    const auto started = std::chrono::steady_clock::now();
    co_await db.close(milliseconds(100));
    EXPECT_LT(std::chrono::steady_clock::now() - started, milliseconds(500));
    co_await watch_until(db, tally, 1);
    EXPECT_EQ(db.stats().size, 0);
}

TEST(Pool, CloseAbortsStatementsStillRunningAfterTheGrace) {
    REQUIRE_TEST_DATABASE(server);
    asio::io_context ctx;
    Database db(options_for(server, 1), ctx);
    Tally tally;
    run(ctx, close_with_short_grace(db, tally));
    EXPECT_EQ(tally.failed, 1);
}

TEST(Pool, ShardsSplitTheConnectionLimit) {
    asio::io_context a;
    asio::io_context b;
    Database db(options_for("postgresql://postgres@127.0.0.1:1/postgres", 5), {&a, &b});
    EXPECT_EQ(db.stats().size, 0);
}

}  // namespace
}  // namespace superapp::platform::db
