#pragma once
// Helpers for tests that need a real PostgreSQL (TEST_DATABASE_URL) and for driving coroutines.
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstdlib>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>

#include "platform/db/database.hpp"

namespace superapp::platform::db::test_support {

/// Runs `work` on `ctx` until it finishes (other work left on ctx stays suspended); returns its value or
/// rethrows its exception.
template <class T>
T run(boost::asio::io_context& ctx, boost::asio::awaitable<T> work) {
    std::optional<T> value;
    std::exception_ptr failure;
    bool done = false;
    boost::asio::co_spawn(ctx, std::move(work), [&](std::exception_ptr e, T v) {
        failure = e;
        if (!e) value.emplace(std::move(v));
        done = true;
        ctx.stop();
    });
    ctx.restart();
    ctx.run();
    if (!done) throw std::logic_error("coroutine did not finish");
    if (failure) std::rethrow_exception(failure);
    return std::move(*value);
}

inline void run(boost::asio::io_context& ctx, boost::asio::awaitable<void> work) {
    std::exception_ptr failure;
    bool done = false;
    boost::asio::co_spawn(ctx, std::move(work), [&](std::exception_ptr e) {
        failure = e;
        done = true;
        ctx.stop();
    });
    ctx.restart();
    ctx.run();
    if (!done) throw std::logic_error("coroutine did not finish");
    if (failure) std::rethrow_exception(failure);
}

/// Suspends the calling coroutine for `duration`.
inline boost::asio::awaitable<void> sleep_for(std::chrono::milliseconds duration) {
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
    timer.expires_after(duration);
    co_await timer.async_wait(boost::asio::use_awaitable);
}

/// Returns TEST_DATABASE_URL, or nullopt when the variable is unset or empty.
inline std::optional<std::string> server_url() {
    const char* url = std::getenv("TEST_DATABASE_URL");
    if (url == nullptr || *url == '\0') return std::nullopt;
    return std::string(url);
}

/// Returns `conninfo` as key=value text with `key` set to `value` (e.g. dbname, host).
inline std::string with_param(const std::string& conninfo, const std::string& key, const std::string& value) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
    if (options == nullptr) {
        std::string why = error ? error : "?";
        PQfreemem(error);
        throw std::invalid_argument("bad TEST_DATABASE_URL: " + why);
    }
    auto quoted = [](const std::string& v) {
        std::string out = "'";
        for (char c : v) {
            if (c == '\'' || c == '\\') out += '\\';
            out += c;
        }
        return out + "'";
    };
    std::string out;
    for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
        if (o->val == nullptr || *o->val == '\0' || key == o->keyword) continue;
        out += std::string(o->keyword) + "=" + quoted(o->val) + " ";
    }
    PQconninfoFree(options);
    return out + key + "=" + quoted(value);
}

inline boost::asio::awaitable<void> run_admin_sql(Database& db, std::string sql) {
    co_await db.execute(sql);
    co_await db.close();
}

/// Runs one statement on the TEST_DATABASE_URL server, outside any transaction.
inline void admin_execute(const std::string& server, const std::string& sql) {
    boost::asio::io_context ctx;
    PoolOptions options;
    options.conninfo = server;
    options.max_connections = 1;
    Database db(options, ctx);
    run(ctx, run_admin_sql(db, sql));
}

/// A database of its own for one test, created on the TEST_DATABASE_URL server and dropped afterwards.
class ScratchDatabase {
  public:
    explicit ScratchDatabase(const std::string& server) : server_(server) {
        static std::atomic<int> counter{0};
        name_ = "superapp_dbtest_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
        admin_execute(server_, "CREATE DATABASE " + name_);
        conninfo_ = with_param(server_, "dbname", name_);
    }
    ~ScratchDatabase() {
        try {
            admin_execute(server_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
        } catch (const std::exception&) {
            // a leftover test database is harmless
        }
    }
    ScratchDatabase(const ScratchDatabase&) = delete;
    ScratchDatabase& operator=(const ScratchDatabase&) = delete;

    const std::string& conninfo() const { return conninfo_; }
    const std::string& name() const { return name_; }

  private:
    std::string server_;
    std::string name_;
    std::string conninfo_;
};

}  // namespace superapp::platform::db::test_support

/// Skips the test unless TEST_DATABASE_URL names a PostgreSQL server; defines `server` otherwise.
#define REQUIRE_TEST_DATABASE(server)                                                                         \
    const auto server##_url = ::superapp::platform::db::test_support::server_url();                           \
    if (!server##_url) GTEST_SKIP() << "TEST_DATABASE_URL is not set; skipping a test that needs PostgreSQL"; \
    const std::string& server = *server##_url
