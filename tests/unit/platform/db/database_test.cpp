#include "platform/db/database.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/detached.hpp>
#include <boost/json/parse.hpp>
#include <chrono>
#include <thread>

#include "db_test_support.hpp"

namespace superapp::platform::db {
namespace {

namespace asio = boost::asio;
using test_support::run;
using test_support::ScratchDatabase;
using test_support::sleep_for;

// A named query as repositories declare them (theirs come from named_query and the sql/ folder).
constexpr Query kAddOne{"test.add_one", "SELECT $1::int4 + 1 AS answer"};

PoolOptions options_for(const std::string& conninfo, int max_connections = 4) {
    PoolOptions options;
    options.conninfo = conninfo;
    options.max_connections = max_connections;
    return options;
}

DbError::Kind kind_of(const std::exception_ptr& e) {
    try {
        std::rethrow_exception(e);
    } catch (const DbError& error) {
        return error.kind;
    }
}

// ---- every type, both ways ----

struct RoundTrip {
    std::string text;
    bool flag;
    std::int16_t small;
    std::int32_t medium;
    std::int64_t big;
    double real;
    core::Timestamp at;
    boost::json::value doc;
    std::vector<std::string> names;
    std::vector<std::int64_t> ids;
    std::optional<std::string> missing;
    std::optional<std::string> present;
};

asio::awaitable<RoundTrip> round_trip(Database& db, RoundTrip in) {
    Result r = co_await db.execute(
        "SELECT $1::text AS text, $2::bool AS flag, $3::int2 AS small, $4::int4 AS medium, $5::int8 AS big, "
        "$6::float8 AS real, $7::timestamptz AS at, $8::jsonb AS doc, $9::text[] AS names, $10::int8[] AS "
        "ids, "
        "$11::text AS missing, $12::text AS present",
        in.text, in.flag, in.small, in.medium, in.big, in.real, in.at, in.doc, in.names, in.ids, in.missing,
        in.present);
    co_await db.close();
    const Row row = r[0];
    co_return RoundTrip{row.get<std::string>("text"),
                        row.get<bool>("flag"),
                        row.get<std::int16_t>("small"),
                        row.get<std::int32_t>("medium"),
                        row.get<std::int64_t>("big"),
                        row.get<double>("real"),
                        row.get<core::Timestamp>("at"),
                        row.get<boost::json::value>("doc"),
                        row.get<std::vector<std::string>>("names"),
                        row.get<std::vector<std::int64_t>>("ids"),
                        row.get_optional<std::string>("missing"),
                        row.get_optional<std::string>("present")};
}

TEST(Database, RoundTripsEveryParameterAndResultType) {
    REQUIRE_TEST_DATABASE(server);
    asio::io_context ctx;
    Database db(options_for(server), ctx);
    using namespace std::chrono;
    const RoundTrip in{"it's \"quoted\" \\ ünïcode 😀",
                       true,
                       -32768,
                       2147483647,
                       -9223372036854775807 - 1,
                       0.1,
                       sys_days{year{2026} / 11 / 24} + hours{23} + minutes{16} + seconds{22} + microseconds{123456},
                       boost::json::parse(R"({"name":"ü","tags":["a","b"],"n":1.5,"none":null})"),
                       {"", "a,b", "q\"uote", "back\\slash", "NULL", "{}", " spaced ", "😀"},
                       {0, -1, 9223372036854775807},
                       std::nullopt,
                       "here"};
    const RoundTrip out = run(ctx, round_trip(db, in));
    EXPECT_EQ(out.text, in.text);
    EXPECT_EQ(out.flag, in.flag);
    EXPECT_EQ(out.small, in.small);
    EXPECT_EQ(out.medium, in.medium);
    EXPECT_EQ(out.big, in.big);
    EXPECT_EQ(out.real, in.real);
    EXPECT_EQ(out.at, in.at);
    EXPECT_EQ(out.doc, in.doc);
    EXPECT_EQ(out.names, in.names);
    EXPECT_EQ(out.ids, in.ids);
    EXPECT_EQ(out.missing, std::nullopt);
    EXPECT_EQ(out.present, "here");
}

// ---- prepared statements ----

asio::awaitable<std::int64_t> add_twice_then_count_prepared(Database& db) {
    const Query add_one = kAddOne;
    Result first = co_await db.query(add_one, 41);
    Result second = co_await db.query(add_one, 1);
    EXPECT_EQ(first[0].get<int>("answer"), 42);
    EXPECT_EQ(second[0].get<int>("answer"), 2);
    Result prepared = co_await db.execute("SELECT count(*) FROM pg_prepared_statements WHERE name = $1", add_one.name);
    co_await db.close();
    co_return prepared[0].get<std::int64_t>(0);
}

TEST(Database, PreparesANamedQueryOncePerConnection) {
    REQUIRE_TEST_DATABASE(server);
    asio::io_context ctx;
    Database db(options_for(server, 1), ctx);
    EXPECT_EQ(run(ctx, add_twice_then_count_prepared(db)), 1);
}

asio::awaitable<void> stale_statements(Database& db) {
    static constexpr Query select_all{"test.select_all_things", "SELECT * FROM things ORDER BY a"};
    co_await db.execute("CREATE TABLE things (a int)");
    co_await db.execute("INSERT INTO things VALUES (1)");
    Result before = co_await db.query(select_all);
    EXPECT_EQ(before.columns(), 1);
    // A migration changes the columns behind a prepared SELECT *: the server refuses the old plan.
    co_await db.execute("ALTER TABLE things ADD COLUMN b int DEFAULT 7");
    Result after = co_await db.query(select_all);
    EXPECT_EQ(after.columns(), 2);
    EXPECT_EQ(after[0].get<int>("b"), 7);
    // Someone dropped every prepared statement on the session.
    co_await db.execute("DEALLOCATE ALL");
    Result again = co_await db.query(select_all);
    EXPECT_EQ(again.size(), 1u);
    EXPECT_EQ(db.stats().size, 1);
    co_await db.close();
}

TEST(Database, StalePreparedStatementsArePreparedAgain) {
    REQUIRE_TEST_DATABASE(server);
    ScratchDatabase scratch(server);
    asio::io_context ctx;
    Database db(options_for(scratch.conninfo(), 1), ctx);
    run(ctx, stale_statements(db));
}

asio::awaitable<void> large_values(Database& db) {
    // Several megabytes each way: sending waits for the socket to drain, reading takes many wakeups.
    std::string big(6 * 1024 * 1024, 'x');
    for (std::size_t i = 0; i < big.size(); i += 4096) big[i] = static_cast<char>('a' + (i / 4096) % 26);
    Result echo = co_await db.execute("SELECT length($1::text), $1::text", big);
    EXPECT_EQ(echo[0].get<std::int64_t>(0), static_cast<std::int64_t>(big.size()));
    EXPECT_EQ(echo[0].get<std::string_view>(1), big);
    Result many = co_await db.execute("SELECT g, md5(g::text) FROM generate_series(1, 200000) AS g");
    EXPECT_EQ(many.size(), 200000u);
    EXPECT_EQ(many[199999].get<std::int64_t>(0), 200000);
    co_await db.close();
}

TEST(Database, LargeParametersAndResultsArriveWhole) {
    REQUIRE_TEST_DATABASE(server);
    asio::io_context ctx;
    Database db(options_for(server, 1), ctx);
    run(ctx, large_values(db));
}

// ---- server errors ----

asio::awaitable<void> insert_duplicate(Database& db) {
    co_await db.execute("CREATE TABLE people (id int PRIMARY KEY, phone text CONSTRAINT people_phone_key UNIQUE)");
    co_await db.execute("INSERT INTO people VALUES (1, $1)", "+911");
    try {
        co_await db.execute("INSERT INTO people VALUES (2, $1)", "+911");
        ADD_FAILURE() << "expected a unique violation";
    } catch (const DbError& e) {
        EXPECT_EQ(e.kind, DbError::Kind::constraint);
        EXPECT_TRUE(e.unique_violation());
        EXPECT_EQ(e.constraint, "people_phone_key");
    }
    try {
        co_await db.execute("SELEC 1");
        ADD_FAILURE() << "expected a syntax error";
    } catch (const DbError& e) {
        EXPECT_EQ(e.kind, DbError::Kind::query);
        EXPECT_EQ(e.sqlstate, "42601");
    }
    // The connection that saw the errors serves the next statement.
    Result r = co_await db.execute("SELECT count(*) FROM people");
    EXPECT_EQ(r[0].get<std::int64_t>(0), 1);
    EXPECT_EQ(db.stats().size, 1);
    co_await db.close();
}

TEST(Database, ServerErrorsCarryKindSqlstateAndConstraint) {
    REQUIRE_TEST_DATABASE(server);
    ScratchDatabase scratch(server);
    asio::io_context ctx;
    Database db(options_for(scratch.conninfo(), 1), ctx);
    run(ctx, insert_duplicate(db));
}

// ---- transactions ----

asio::awaitable<std::int64_t> insert_two(Tx& tx, std::int64_t first) {
    co_await tx.execute("INSERT INTO items VALUES ($1), ($2)", first, first + 1);
    Result r = co_await tx.execute("SELECT count(*) FROM items");
    co_return r[0].get<std::int64_t>(0);
}

asio::awaitable<void> insert_then_throw(Tx& tx) {
    co_await tx.execute("INSERT INTO items VALUES (100)");
    throw std::runtime_error("business rule failed");
}

asio::awaitable<void> swallow_error_then_return(Tx& tx) {
    co_await tx.execute("INSERT INTO items VALUES (200)");
    try {
        co_await tx.execute("INSERT INTO items VALUES (200)");
    } catch (const DbError&) {
        // a function that hides a failed statement must not get a silent ROLLBACK reported as COMMIT
    }
}

asio::awaitable<std::string> read_isolation(Tx& tx) {
    Result r = co_await tx.execute("SELECT current_setting('transaction_isolation')");
    co_return r[0].get<std::string>(0);
}

asio::awaitable<void> script_in_transaction(Tx& tx) {
    co_await tx.execute_script("INSERT INTO items VALUES (300); INSERT INTO items VALUES (301);");
}

asio::awaitable<void> transactions(Database& db) {
    co_await db.execute("CREATE TABLE items (id int PRIMARY KEY)");

    EXPECT_EQ(co_await db.transaction(insert_two, std::int64_t{1}), 2);

    try {
        co_await db.transaction(insert_then_throw);
        ADD_FAILURE() << "expected the function's exception";
    } catch (const std::runtime_error& e) {
        EXPECT_STREQ(e.what(), "business rule failed");
    }

    try {
        co_await db.transaction(swallow_error_then_return);
        ADD_FAILURE() << "expected COMMIT of a failed transaction to throw";
    } catch (const DbError& e) {
        EXPECT_EQ(e.sqlstate, "25P02");
    }

    co_await db.transaction(script_in_transaction);

    Result ids = co_await db.execute("SELECT array_agg(id ORDER BY id) FROM items");
    EXPECT_EQ(ids[0].get<std::vector<std::int64_t>>(0), (std::vector<std::int64_t>{1, 2, 300, 301}));

    EXPECT_EQ(co_await db.transaction(read_isolation), "read committed");
    EXPECT_EQ(co_await db.transaction(Isolation::repeatable_read, read_isolation), "repeatable read");
    EXPECT_EQ(co_await db.transaction(Isolation::serializable, read_isolation), "serializable");

    // Every connection came back clean: none is stuck in a transaction.
    EXPECT_EQ(db.stats().in_use, 0);
    co_await db.close();
}

TEST(Database, TransactionsCommitRollBackAndReportHiddenFailures) {
    REQUIRE_TEST_DATABASE(server);
    ScratchDatabase scratch(server);
    asio::io_context ctx;
    Database db(options_for(scratch.conninfo(), 2), ctx);
    run(ctx, transactions(db));
}

// ---- COPY FROM STDIN ----

// Many megabytes, so libpq's send buffer fills and the copy waits on the socket.
asio::awaitable<std::int64_t> copy_rows(Tx& tx, std::string& rows) {
    co_return co_await tx.copy_in("COPY copied (id, name) FROM STDIN", rows);
}

asio::awaitable<void> copy_bad_row(Tx& tx) {
    const std::string rows = "1\tone\nnot-a-number\ttwo\n";
    co_await tx.copy_in("COPY copied (id, name) FROM STDIN", rows);
}

asio::awaitable<void> copies(Database& db) {
    co_await db.execute("CREATE TABLE copied (id int PRIMARY KEY, name text)");
    std::string rows;
    constexpr int kRows = 200000;
    for (int i = 0; i < kRows; ++i) rows += std::to_string(i) + "\tname\\twith a tab " + std::to_string(i) + "\n";
    EXPECT_EQ(co_await db.transaction(copy_rows, std::move(rows)), kRows);
    Result r = co_await db.execute("SELECT count(*), max(name) FILTER (WHERE id = 7) FROM copied");
    EXPECT_EQ(r[0].get<std::int64_t>(0), kRows);
    EXPECT_EQ(r[0].get<std::string>(1), "name\twith a tab 7");

    try {
        co_await db.transaction(copy_bad_row);
        ADD_FAILURE() << "expected the bad row to fail the copy";
    } catch (const DbError& e) {
        EXPECT_EQ(e.sqlstate, "22P02");
    }
    // The failed copy left nothing behind and the connection serves the next statement.
    Result after = co_await db.execute("SELECT count(*) FROM copied");
    EXPECT_EQ(after[0].get<std::int64_t>(0), kRows);
    co_await db.close();
}

TEST(Database, CopyFromStdinLoadsRowsWithoutBlocking) {
    REQUIRE_TEST_DATABASE(server);
    ScratchDatabase scratch(server);
    asio::io_context ctx;
    Database db(options_for(scratch.conninfo(), 1), ctx);
    run(ctx, copies(db));
}

asio::awaitable<void> read_session_setting(Database& db) {
    Result r = co_await db.execute("SELECT current_setting('superapp.test_setting')");
    EXPECT_EQ(r[0].get<std::string>(0), "0.5");
    co_await db.close();
}

TEST(Database, SessionsStartWithTheGivenSettings) {
    REQUIRE_TEST_DATABASE(server);
    asio::io_context ctx;
    PoolOptions options = options_for(server, 1);
    options.session_settings = {{"superapp.test_setting", "0.5"}};
    Database db(options, ctx);
    run(ctx, read_session_setting(db));
}

// Two serializable transactions that each read the row the other writes: one must fail with 40001.
struct Rendezvous {
    explicit Rendezvous(asio::io_context& ctx) : timer(ctx) { timer.expires_at(asio::steady_timer::time_point::max()); }
    asio::steady_timer timer;
    int waiting_for = 2;
    int attempts = 0;
};

asio::awaitable<void> arrive(Rendezvous& meet) {
    if (--meet.waiting_for <= 0) {
        meet.timer.cancel();
        co_return;
    }
    auto [ec] = co_await meet.timer.async_wait(asio::as_tuple(asio::use_awaitable));
    (void)ec;
}

asio::awaitable<void> write_skew(Tx& tx, Rendezvous& meet, int read_id, int write_id) {
    ++meet.attempts;
    Result r = co_await tx.execute("SELECT v FROM counters WHERE id = $1", read_id);
    co_await arrive(meet);  // both have read before either writes
    co_await tx.execute("UPDATE counters SET v = $1 + 1 WHERE id = $2", r[0].get<int>(0), write_id);
}

asio::awaitable<void> run_skewed(Database& db, Rendezvous& meet, int read_id, int write_id, int& done) {
    co_await db.transaction(Isolation::serializable, write_skew, std::ref(meet), read_id, write_id);
    ++done;
}

asio::awaitable<std::vector<std::int64_t>> conflicting_transactions(Database& db, Rendezvous& meet) {
    co_await db.execute("CREATE TABLE counters (id int PRIMARY KEY, v int NOT NULL)");
    co_await db.execute("INSERT INTO counters VALUES (1, 0), (2, 0)");
    int done = 0;
    auto ex = co_await asio::this_coro::executor;
    asio::co_spawn(ex, run_skewed(db, meet, 1, 2, done), asio::detached);
    asio::co_spawn(ex, run_skewed(db, meet, 2, 1, done), asio::detached);
    for (int i = 0; i < 500 && done < 2; ++i) co_await sleep_for(std::chrono::milliseconds(10));
    EXPECT_EQ(done, 2);
    Result r = co_await db.execute("SELECT array_agg(v ORDER BY id) FROM counters");
    co_await db.close();
    co_return r[0].get<std::vector<std::int64_t>>(0);
}

TEST(Database, SerializationFailureRunsTheTransactionAgain) {
    REQUIRE_TEST_DATABASE(server);
    ScratchDatabase scratch(server);
    asio::io_context ctx;
    Database db(options_for(scratch.conninfo(), 2), ctx);
    Rendezvous meet(ctx);
    const auto values = run(ctx, conflicting_transactions(db, meet));
    EXPECT_EQ(meet.attempts, 3);  // one of the two ran twice
    // Serially, the second reads the first's write: one counter is 1, the other 2.
    EXPECT_EQ(values[0] + values[1], 3);
}

// ---- timeouts ----

asio::awaitable<void> statement_timeout(Database& db) {
    const auto started = std::chrono::steady_clock::now();
    try {
        co_await db.execute("SELECT pg_sleep(2)");
        ADD_FAILURE() << "expected a timeout";
    } catch (const DbError& e) {
        EXPECT_EQ(e.kind, DbError::Kind::timeout);
        EXPECT_EQ(e.sqlstate, "57014");
    }
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(1));
    // The server cancelled the statement and kept the session: the same connection serves on.
    Result r = co_await db.execute("SELECT 1");
    EXPECT_EQ(r[0].get<int>(0), 1);
    EXPECT_EQ(db.stats().size, 1);
    co_await db.close();
}

TEST(Database, StatementTimeoutIsATimeoutAndTheConnectionStaysUsable) {
    REQUIRE_TEST_DATABASE(server);
    asio::io_context ctx;
    PoolOptions options = options_for(server, 1);
    options.query_timeout = std::chrono::milliseconds(200);
    Database db(options, ctx);
    run(ctx, statement_timeout(db));
}

asio::awaitable<void> sleep_without_server_timeout(Tx& tx) {
    co_await tx.execute("SET LOCAL statement_timeout = 0");
    co_await tx.execute("SELECT pg_sleep(3)");
}

asio::awaitable<void> client_deadline(Database& db) {
    co_await db.execute("SELECT 1");
    const auto started = std::chrono::steady_clock::now();
    try {
        co_await db.transaction(sleep_without_server_timeout);
        ADD_FAILURE() << "expected a timeout";
    } catch (const DbError& e) {
        EXPECT_EQ(e.kind, DbError::Kind::timeout);
        EXPECT_EQ(e.sqlstate, "");
    }
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(2500));
    EXPECT_EQ(db.stats().size, 0);  // the hung connection was discarded
    Result r = co_await db.execute("SELECT 2");
    EXPECT_EQ(r[0].get<int>(0), 2);
    co_await db.close();
}

TEST(Database, ClientDeadlineDiscardsAConnectionThatNeverAnswers) {
    REQUIRE_TEST_DATABASE(server);
    asio::io_context ctx;
    PoolOptions options = options_for(server, 1);
    options.query_timeout = std::chrono::milliseconds(300);
    Database db(options, ctx);
    run(ctx, client_deadline(db));
}

// ---- lost connections ----

asio::awaitable<void> survive_killed_idle_connection(Database& db, Database& admin) {
    Result pid = co_await db.execute("SELECT pg_backend_pid()");
    Result killed = co_await admin.execute("SELECT pg_terminate_backend($1)", pid[0].get<int>(0));
    EXPECT_TRUE(killed[0].get<bool>(0));
    co_await sleep_for(std::chrono::milliseconds(100));
    // The idle connection is dead; the query is sent again on a fresh one.
    Result r = co_await db.query(kAddOne, 1);
    EXPECT_EQ(r[0].get<int>(0), 2);
    Result new_pid = co_await db.execute("SELECT pg_backend_pid()");
    EXPECT_NE(new_pid[0].get<int>(0), pid[0].get<int>(0));
    EXPECT_EQ(db.stats().size, 1);
    co_await db.close();
    co_await admin.close();
}

TEST(Database, AQueryOnAKilledIdleConnectionIsRetriedOnAFreshOne) {
    REQUIRE_TEST_DATABASE(server);
    asio::io_context ctx;
    Database db(options_for(server, 1), ctx);
    Database admin(options_for(server, 1), ctx);
    run(ctx, survive_killed_idle_connection(db, admin));
}

asio::awaitable<void> killed_inside(Tx& tx, Database& admin) {
    Result pid = co_await tx.execute("SELECT pg_backend_pid()");
    co_await admin.execute("SELECT pg_terminate_backend($1)", pid[0].get<int>(0));
    co_await sleep_for(std::chrono::milliseconds(100));
    co_await tx.execute("SELECT 1");
}

asio::awaitable<void> lose_connection_in_transaction(Database& db, Database& admin) {
    try {
        co_await db.transaction(killed_inside, std::ref(admin));
        ADD_FAILURE() << "expected the transaction to fail";
    } catch (const DbError& e) {
        EXPECT_EQ(e.kind, DbError::Kind::unavailable);
    }
    EXPECT_EQ(db.stats().size, 0);
    Result r = co_await db.execute("SELECT 3");
    EXPECT_EQ(r[0].get<int>(0), 3);
    co_await db.close();
    co_await admin.close();
}

TEST(Database, AConnectionLostInsideATransactionFailsItWithoutRetry) {
    REQUIRE_TEST_DATABASE(server);
    asio::io_context ctx;
    Database db(options_for(server, 1), ctx);
    Database admin(options_for(server, 1), ctx);
    run(ctx, lose_connection_in_transaction(db, admin));
}

asio::awaitable<std::exception_ptr> query_unreachable(Database& db) {
    std::exception_ptr failure;
    try {
        co_await db.execute("SELECT 1");
    } catch (...) {
        failure = std::current_exception();
    }
    EXPECT_FALSE(co_await db.ping());
    co_await db.close();
    co_return failure;
}

TEST(Database, AnUnreachableServerFailsFastAsUnavailable) {
    asio::io_context ctx;
    PoolOptions options = options_for("postgresql://postgres@127.0.0.1:1/postgres");
    Database db(options, ctx);
    const auto started = std::chrono::steady_clock::now();
    const auto failure = run(ctx, query_unreachable(db));
    ASSERT_TRUE(failure);
    EXPECT_EQ(kind_of(failure), DbError::Kind::unavailable);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(1));
    EXPECT_EQ(db.stats().size, 0);
}

asio::awaitable<bool> ping_and_close(Database& db) {
    const bool ok = co_await db.ping();
    co_await db.close();
    co_return ok;
}

TEST(Database, PingIsTrueWhenTheServerAnswers) {
    REQUIRE_TEST_DATABASE(server);
    asio::io_context ctx;
    Database db(options_for(server), ctx);
    EXPECT_TRUE(run(ctx, ping_and_close(db)));
}

asio::awaitable<int> select_one(Database& db) {
    Result r = co_await db.execute("SELECT 1");
    co_await db.close();
    co_return r[0].get<int>(0);
}

TEST(Database, AHostNameIsResolvedWithoutBlocking) {
    REQUIRE_TEST_DATABASE(server);
    char* error = nullptr;
    PQconninfoOption* parsed = PQconninfoParse(server.c_str(), &error);
    ASSERT_NE(parsed, nullptr);
    std::string host;
    for (auto* o = parsed; o->keyword; ++o) {
        if (std::string_view(o->keyword) == "host" && o->val) host = o->val;
    }
    PQconninfoFree(parsed);
    if (host != "127.0.0.1" && host != "localhost") GTEST_SKIP() << "the test server is not on this machine";
    // "localhost" may resolve to ::1 first, where nothing listens: libpq then moves to the next address
    // on a new socket, which the connection must follow.
    asio::io_context ctx;
    Database db(options_for(test_support::with_param(server, "host", "localhost")), ctx);
    EXPECT_EQ(run(ctx, select_one(db)), 1);
}

TEST(Database, FollowsLibpqToTheNextHostOnANewSocket) {
    REQUIRE_TEST_DATABASE(server);
    char* error = nullptr;
    PQconninfoOption* parsed = PQconninfoParse(server.c_str(), &error);
    ASSERT_NE(parsed, nullptr);
    std::string host;
    std::string port = "5432";
    for (auto* o = parsed; o->keyword; ++o) {
        if (std::string_view(o->keyword) == "host" && o->val) host = o->val;
        if (std::string_view(o->keyword) == "port" && o->val) port = o->val;
    }
    PQconninfoFree(parsed);
    if (host.empty() || host.find(',') != std::string::npos) GTEST_SKIP() << "needs a single-host TEST_DATABASE_URL";
    // The first host refuses; libpq closes that socket and connects to the second on a new one, which
    // usually gets the same descriptor number.
    const std::string two_hosts =
        test_support::with_param(test_support::with_param(server, "host", host + "," + host), "port", "1," + port);
    asio::io_context ctx;
    Database db(options_for(two_hosts), ctx);
    EXPECT_EQ(run(ctx, select_one(db)), 1);
}

asio::awaitable<void> use_from_wrong_thread(Database& db) { co_await db.execute("SELECT 1"); }

TEST(Database, UseFromAThreadThatRunsNoShardIsALogicError) {
    asio::io_context shard;
    asio::io_context elsewhere;
    Database db(options_for("postgresql://postgres@127.0.0.1:1/postgres"), shard);
    EXPECT_THROW(run(elsewhere, use_from_wrong_thread(db)), std::logic_error);
}

// ---- shards ----

asio::awaitable<void> shard_work(Database& db, int shard, std::atomic<int>& ok) {
    for (int i = 0; i < 50; ++i) {
        Result r = co_await db.execute("SELECT $1::int", shard * 1000 + i);
        if (r[0].get<int>(0) == shard * 1000 + i) ++ok;
    }
}

asio::awaitable<void> close_from_outside(Database& db) { co_await db.close(); }

TEST(Database, EachShardThreadUsesItsOwnPool) {
    REQUIRE_TEST_DATABASE(server);
    asio::io_context shard0;
    asio::io_context shard1;
    auto guard0 = asio::make_work_guard(shard0);
    auto guard1 = asio::make_work_guard(shard1);
    Database db(options_for(server, 4), {&shard0, &shard1});
    std::atomic<int> ok{0};
    asio::co_spawn(shard0, shard_work(db, 0, ok), asio::detached);
    asio::co_spawn(shard1, shard_work(db, 1, ok), asio::detached);
    std::thread t0([&] {
        Database::set_thread_shard(0);
        shard0.run();
    });
    std::thread t1([&] {
        Database::set_thread_shard(1);
        shard1.run();
    });
    for (int i = 0; i < 500 && ok < 100; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_EQ(ok, 100);
    const PoolStats s = db.stats();
    EXPECT_EQ(s.size, 2);  // one connection each: the work on a shard is sequential
    EXPECT_EQ(s.idle, 2);
    // Shutdown as the server does it: close the pools while the shards still run, then stop them.
    asio::io_context main;
    run(main, close_from_outside(db));
    EXPECT_EQ(db.stats().size, 0);
    guard0.reset();
    guard1.reset();
    t0.join();
    t1.join();
}

}  // namespace
}  // namespace superapp::platform::db
