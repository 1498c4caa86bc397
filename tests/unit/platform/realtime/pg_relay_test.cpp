#include "platform/realtime/pg_relay.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>

#include "../db/db_test_support.hpp"
#include "platform/db/migrations.hpp"
#include "relay_test_support.hpp"

namespace superapp::platform::realtime {
namespace {

namespace asio = boost::asio;
using db::test_support::run;
using db::test_support::ScratchDatabase;
using db::test_support::sleep_for;
using test_support::numbered;
using test_support::Recorder;
using Seen = std::vector<std::string>;

db::PoolOptions pool_options(const std::string& conninfo) {
    db::PoolOptions o;
    o.conninfo = conninfo;
    o.max_connections = 4;
    return o;
}

// Two relays on one database, as two `serve` processes would have, each with its own bus.
struct TwoProcesses {
    explicit TwoProcesses(const std::string& conninfo)
        : options(pool_options(conninfo)),
          db(options, ctx),
          at_a(bus_a),
          at_b(bus_b),
          a(bus_a, db, ctx, options),
          b(bus_b, db, ctx, options) {
        bus_a.relay_to([this](std::span<const Event> e) { a.send(e); });
        bus_b.relay_to([this](std::span<const Event> e) { b.send(e); });
    }
    ~TwoProcesses() {
        a.stop();
        b.stop();
        // Let the relays' coroutines see stop() and end before the relays go.
        ctx.restart();
        ctx.run_for(std::chrono::seconds(5));
    }

    db::PoolOptions options;
    asio::io_context ctx;
    db::Database db;
    EventBus bus_a, bus_b;
    Recorder at_a, at_b;
    PgRelay a, b;
};

/// Waits on the io_context (polling every 10 ms, up to 10 s) until `done`; throws when it never is.
asio::awaitable<void> until(std::function<bool()> done, std::string what) {
    for (int i = 0; i < 1000; ++i) {
        if (done()) co_return;
        co_await sleep_for(std::chrono::milliseconds(10));
    }
    throw std::runtime_error("timed out waiting for " + what);
}

asio::awaitable<void> both_listening(TwoProcesses& p, long sessions) {
    std::function<bool()> listening = [&p, sessions] {
        return p.a.counters().subscriptions.load() == sessions && p.b.counters().subscriptions.load() == sessions;
    };
    co_await until(listening, "both relays to listen");
}

asio::awaitable<void> delivered(Recorder& r, std::size_t count) {
    std::function<bool()> arrived = [&r, count] { return r.seen().size() >= count; };
    co_await until(arrived, "events to arrive");
    co_await sleep_for(std::chrono::milliseconds(200));  // room for a duplicate to show up
}

asio::awaitable<void> relay_events(TwoProcesses& p) {
    co_await db::migrations::apply_pending(p.db);
    // A stored message from long ago: storing the next big one deletes it.
    co_await p.db.execute(
        "INSERT INTO realtime_relay_events (payload, created_at) VALUES ('old', now() - interval '2 minutes')");
    p.a.start();
    p.b.start();
    co_await both_listening(p, 1);

    p.bus_a.publish(numbered("small", 1));
    p.bus_a.publish(numbered("big", 2, 20'000));  // over NOTIFY's 8000-byte limit
    p.bus_b.publish(numbered("from_b", 3));
    co_await delivered(p.at_b, 3);
    co_await delivered(p.at_a, 3);
    EXPECT_EQ(p.at_a.seen(), (Seen{"small:1", "big:2", "from_b:3"}));
    EXPECT_EQ(p.at_b.seen(), (Seen{"from_b:3", "small:1", "big:2"}));
    db::Result stored = co_await p.db.execute("SELECT payload FROM realtime_relay_events");
    EXPECT_EQ(stored.size(), 1u);  // the big one; the old row is gone
    EXPECT_GT(stored[0].get<std::string>(0).size(), 20'000u);

    // The listening sessions are killed: each relay listens again by itself and events flow again.
    db::Result killed = co_await p.db.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()");
    EXPECT_EQ(killed.size(), 2u);
    co_await both_listening(p, 2);
    p.bus_b.publish(numbered("from_b", 4));
    co_await delivered(p.at_a, 4);
    EXPECT_EQ(p.at_a.seen(), (Seen{"small:1", "big:2", "from_b:3", "from_b:4"}));
    EXPECT_EQ(p.at_b.seen(), (Seen{"from_b:3", "small:1", "big:2", "from_b:4"}));

    // A batch travels as one message (a big one: through the table) and arrives whole, in order.
    std::vector<Event> batch;
    for (long n = 5; n <= 7; ++n) batch.push_back(numbered("batch", n, 4'000));
    p.bus_a.publish_all(std::move(batch));
    co_await delivered(p.at_b, 7);
    EXPECT_EQ(p.at_b.seen(), (Seen{"from_b:3", "small:1", "big:2", "from_b:4", "batch:5", "batch:6", "batch:7"}));
    EXPECT_EQ(p.a.counters().sent.load(), 5) << "counts events";
    EXPECT_EQ(p.b.counters().received.load(), 5);
    EXPECT_EQ(p.a.counters().dropped.load() + p.b.counters().dropped.load(), 0);

    p.a.stop();
    p.b.stop();
    co_await p.db.close();
}

TEST(PgRelay, EachProcessGetsEachEventOnceBigOnesAndBatchesIncludedAndAgainAfterTheSessionIsKilled) {
    REQUIRE_TEST_DATABASE(server);
    ScratchDatabase scratch(server);
    TwoProcesses processes(scratch.conninfo());
    run(processes.ctx, relay_events(processes));
}

}  // namespace
}  // namespace superapp::platform::realtime
