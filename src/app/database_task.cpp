#include "app/database_task.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdio>

#include "features/catalog/session_settings.hpp"

namespace superapp::app {

namespace asio = boost::asio;

platform::db::PoolOptions pool_options(const platform::core::Config& config) {
    platform::db::PoolOptions options;
    options.conninfo = config.database_url;
    options.max_connections = config.db_pool_max;
    options.connect_timeout = config.db_connect_timeout;
    options.query_timeout = config.db_query_timeout;
    // Features whose queries rely on a session setting add theirs here.
    options.session_settings = features::catalog::session_settings();
    return options;
}

namespace {

asio::awaitable<int> run_and_close(platform::db::Database& db,
                                   std::function<asio::awaitable<int>(platform::db::Database&)>& task) {
    int code = 1;
    std::exception_ptr failure;
    try {
        code = co_await task(db);
    } catch (...) {
        failure = std::current_exception();
    }
    co_await db.close();
    if (failure) std::rethrow_exception(failure);
    co_return code;
}

}  // namespace

int run_database_task(const platform::core::Config& config,
                      std::function<asio::awaitable<int>(platform::db::Database&)> task) {
    asio::io_context context(1);
    platform::db::Database db(pool_options(config), context);
    int code = 1;
    asio::co_spawn(context, run_and_close(db, task), [&code, &config](std::exception_ptr error, int result) {
        if (!error) {
            code = result;
            return;
        }
        try {
            std::rethrow_exception(error);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "superapp: database %s: %s\n", platform::core::redact_url(config.database_url).c_str(),
                         e.what());
        }
        code = 1;
    });
    context.run();
    return code;
}

}  // namespace superapp::app
