#include "platform/db/migrations.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/asio/detached.hpp>

#include "db_test_support.hpp"

namespace superapp::platform::db::migrations {
namespace {

namespace asio = boost::asio;
using test_support::run;
using test_support::ScratchDatabase;

TEST(Sha256Hex, MatchesKnownDigests) {
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

PoolOptions options_for(const std::string& conninfo) {
    PoolOptions options;
    options.conninfo = conninfo;
    options.max_connections = 2;
    return options;
}

const std::vector<EmbeddedSql> kFirstTwo = {
    {"0002_orders", "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users(id));"},
    {"0001_users",
     "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n"
     "CREATE INDEX users_name ON users (name);\n"
     "INSERT INTO users VALUES (1, 'first');"},
};

std::vector<EmbeddedSql> with(std::vector<EmbeddedSql> list, EmbeddedSql extra) {
    list.push_back(extra);
    return list;
}

struct Runs {
    std::vector<std::string> first;
    std::vector<std::string> second;
    std::vector<std::string> third;
    MigrationStatus status;
    std::int64_t users = 0;
};

asio::awaitable<Runs> apply_three_times(Database& db) {
    Runs runs;
    runs.first = co_await apply_pending(db, kFirstTwo);
    runs.second = co_await apply_pending(db, kFirstTwo);
    const auto three = with(kFirstTwo, {"0003_more", "ALTER TABLE users ADD COLUMN phone text;"});
    runs.third = co_await apply_pending(db, three);
    runs.status = co_await status(db, three);
    Result r = co_await db.execute("SELECT count(*) FROM users");
    runs.users = r[0].get<std::int64_t>(0);
    co_await db.close();
    co_return runs;
}

TEST(Migrations, ApplyPendingRunsEachMigrationOnceInNameOrder) {
    REQUIRE_TEST_DATABASE(server);
    ScratchDatabase scratch(server);
    asio::io_context ctx;
    Database db(options_for(scratch.conninfo()), ctx);
    const Runs runs = run(ctx, apply_three_times(db));
    EXPECT_EQ(runs.first, (std::vector<std::string>{"0001_users", "0002_orders"}));
    EXPECT_TRUE(runs.second.empty());
    EXPECT_EQ(runs.third, (std::vector<std::string>{"0003_more"}));
    EXPECT_EQ(runs.status.applied, (std::vector<std::string>{"0001_users", "0002_orders", "0003_more"}));
    EXPECT_TRUE(runs.status.pending.empty());
    EXPECT_TRUE(runs.status.changed.empty());
    EXPECT_TRUE(runs.status.unknown.empty());
    EXPECT_EQ(runs.users, 1);
}

asio::awaitable<MigrationStatus> edit_applied(Database& db, std::string& error) {
    co_await apply_pending(db, kFirstTwo);
    std::vector<EmbeddedSql> edited = kFirstTwo;
    edited[0].text = "CREATE TABLE orders (id bigint PRIMARY KEY);";  // 0002_orders, changed after the fact
    const auto extended = with(edited, {"0003_more", "CREATE TABLE later (id int);"});
    MigrationStatus st = co_await status(db, extended);
    try {
        co_await apply_pending(db, extended);
    } catch (const MigrationError& e) {
        error = e.what();
    }
    // Nothing was applied after the mismatch was found.
    Result later = co_await db.execute("SELECT to_regclass('later') IS NULL");
    EXPECT_TRUE(later[0].get<bool>(0));
    co_await db.close();
    co_return st;
}

TEST(Migrations, AnEditedAppliedMigrationIsReportedAndRefused) {
    REQUIRE_TEST_DATABASE(server);
    ScratchDatabase scratch(server);
    asio::io_context ctx;
    Database db(options_for(scratch.conninfo()), ctx);
    std::string error;
    const MigrationStatus st = run(ctx, edit_applied(db, error));
    EXPECT_EQ(st.changed, (std::vector<std::string>{"0002_orders"}));
    EXPECT_EQ(st.pending, (std::vector<std::string>{"0003_more"}));
    EXPECT_NE(error.find("0002_orders"), std::string::npos) << error;
}

asio::awaitable<MigrationStatus> older_binary(Database& db, std::vector<std::string>& applied_by_old) {
    co_await apply_pending(db, kFirstTwo);
    const std::vector<EmbeddedSql> older = {kFirstTwo[1]};  // knows only 0001_users
    applied_by_old = co_await apply_pending(db, older);     // warns, does not throw
    MigrationStatus st = co_await status(db, older);
    co_await db.close();
    co_return st;
}

TEST(Migrations, AnAppliedVersionUnknownToTheBinaryIsOnlyReported) {
    REQUIRE_TEST_DATABASE(server);
    ScratchDatabase scratch(server);
    asio::io_context ctx;
    Database db(options_for(scratch.conninfo()), ctx);
    std::vector<std::string> applied_by_old{"sentinel"};
    const MigrationStatus st = run(ctx, older_binary(db, applied_by_old));
    EXPECT_TRUE(applied_by_old.empty());
    EXPECT_EQ(st.unknown, (std::vector<std::string>{"0002_orders"}));
    EXPECT_TRUE(st.changed.empty());
}

asio::awaitable<MigrationStatus> failing_migration(Database& db, DbError::Kind& kind) {
    const std::vector<EmbeddedSql> list = {
        {"0001_ok", "CREATE TABLE ok (id int);"},
        {"0002_bad", "CREATE TABLE half (id int);\nSELEC oops;"},
        {"0003_after", "CREATE TABLE after (id int);"},
    };
    try {
        co_await apply_pending(db, list);
        ADD_FAILURE() << "expected the bad migration to fail";
    } catch (const DbError& e) {
        kind = e.kind;
    }
    Result half = co_await db.execute("SELECT to_regclass('half') IS NULL, to_regclass('ok') IS NULL");
    EXPECT_TRUE(half[0].get<bool>(0));   // the failed migration left nothing behind
    EXPECT_FALSE(half[0].get<bool>(1));  // the one before it stays applied
    MigrationStatus st = co_await status(db, list);
    co_await db.close();
    co_return st;
}

TEST(Migrations, AFailingMigrationIsRolledBackAndStopsTheRun) {
    REQUIRE_TEST_DATABASE(server);
    ScratchDatabase scratch(server);
    asio::io_context ctx;
    Database db(options_for(scratch.conninfo()), ctx);
    DbError::Kind kind = DbError::Kind::decode;
    const MigrationStatus st = run(ctx, failing_migration(db, kind));
    EXPECT_EQ(kind, DbError::Kind::query);
    EXPECT_EQ(st.applied, (std::vector<std::string>{"0001_ok"}));
    EXPECT_EQ(st.pending, (std::vector<std::string>{"0002_bad", "0003_after"}));
}

const std::vector<EmbeddedSql> kRaced = {
    kFirstTwo[1],
    kFirstTwo[0],
    {"0003_step", "CREATE TABLE step_3 (id int);"},
    {"0004_step", "CREATE TABLE step_4 (id int);"},
    {"0005_step", "CREATE TABLE step_5 (id int);"},
};

asio::awaitable<void> apply_into(Database& db, std::vector<std::string>& out, int& done) {
    out = co_await apply_pending(db, kRaced);
    co_await db.close();
    ++done;
}

asio::awaitable<void> race(Database& a, Database& b, std::vector<std::string>& by_a, std::vector<std::string>& by_b) {
    int done = 0;
    auto ex = co_await asio::this_coro::executor;
    asio::co_spawn(ex, apply_into(a, by_a, done), asio::detached);
    asio::co_spawn(ex, apply_into(b, by_b, done), asio::detached);
    for (int i = 0; i < 1000 && done < 2; ++i) co_await test_support::sleep_for(std::chrono::milliseconds(10));
    EXPECT_EQ(done, 2);
}

TEST(Migrations, ConcurrentRunnersApplyEachMigrationExactlyOnce) {
    REQUIRE_TEST_DATABASE(server);
    ScratchDatabase scratch(server);
    asio::io_context ctx;
    Database a(options_for(scratch.conninfo()), ctx);
    Database b(options_for(scratch.conninfo()), ctx);
    std::vector<std::string> by_a;
    std::vector<std::string> by_b;
    run(ctx, race(a, b, by_a, by_b));
    std::vector<std::string> all = by_a;
    all.insert(all.end(), by_b.begin(), by_b.end());
    std::sort(all.begin(), all.end());
    EXPECT_EQ(all, (std::vector<std::string>{"0001_users", "0002_orders", "0003_step", "0004_step", "0005_step"}));
}

}  // namespace
}  // namespace superapp::platform::db::migrations
