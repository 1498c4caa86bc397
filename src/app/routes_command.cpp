#include <boost/asio/io_context.hpp>
#include <cstdio>

#include "app/commands.hpp"
#include "app/database_task.hpp"
#include "app/routes.hpp"

namespace superapp::app {

namespace {

std::string_view role_name(platform::http::Role role) {
    switch (role) {
        case platform::http::Role::anyone: return "anyone";
        case platform::http::Role::user: return "user";
        case platform::http::Role::merchant: return "merchant";
        case platform::http::Role::admin: return "admin";
    }
    return "?";
}

}  // namespace

int routes_command(const platform::core::Config& config) {
    // Registering routes opens no connection, so this needs no database.
    boost::asio::io_context context(1);
    platform::db::Database db(pool_options(config), context);
    platform::http::Metrics metrics;
    platform::realtime::RelayCounters relay;  // no relay runs: only the routes are listed
    platform::http::Router router;
    Features features(config, db);
    register_all_routes(router, features, db, metrics, relay, config);
    for (const auto& route : router.routes()) {
        const auto method = platform::http::method_name(route->method);
        const auto role = role_name(route->role);
        std::printf("%-7.*s %s %.*s\n", static_cast<int>(method.size()), method.data(), route->pattern.c_str(),
                    static_cast<int>(role.size()), role.data());
    }
    return 0;
}

}  // namespace superapp::app
