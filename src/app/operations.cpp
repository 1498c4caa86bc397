#include "app/operations.hpp"

#include <boost/json/object.hpp>

namespace superapp::app {

namespace asio = boost::asio;
using platform::http::Method;
using platform::http::Request;
using platform::http::Response;
using platform::http::Role;

namespace {

asio::awaitable<Response> healthz(Request&) { co_return Response::json(boost::json::object{{"status", "ok"}}); }

asio::awaitable<Response> readyz(platform::db::Database& db) {
    const bool database_ok = co_await db.ping();
    boost::json::object body{{"status", database_ok ? "ready" : "unavailable"},
                             {"checks", boost::json::object{{"database", database_ok ? "ok" : "unreachable"}}}};
    Response res = Response::json(body, database_ok ? 200 : 503);
    res.headers.set("Cache-Control", "no-store");
    if (!database_ok) res.headers.set("Retry-After", "1");
    co_return res;
}

std::string pool_metrics(const platform::db::PoolStats& stats) {
    std::string out;
    out += "# HELP db_pool_connections Database connections by state.\n# TYPE db_pool_connections gauge\n";
    out += "db_pool_connections{state=\"open\"} " + std::to_string(stats.size) + "\n";
    out += "db_pool_connections{state=\"in_use\"} " + std::to_string(stats.in_use) + "\n";
    out += "db_pool_connections{state=\"idle\"} " + std::to_string(stats.idle) + "\n";
    out += "# HELP db_pool_waiting Requests waiting for a database connection.\n# TYPE db_pool_waiting gauge\n";
    out += "db_pool_waiting " + std::to_string(stats.waiting) + "\n";
    return out;
}

asio::awaitable<Response> metrics_text(platform::db::Database& db, platform::http::Metrics& metrics,
                                       const platform::realtime::RelayCounters& relay) {
    Response res = Response::text(metrics.render(pool_metrics(db.stats()) + platform::realtime::render_metrics(relay)),
                                  "text/plain; version=0.0.4; charset=utf-8");
    res.headers.set("Cache-Control", "no-store");
    co_return res;
}

}  // namespace

void register_operations_routes(platform::http::Router& router, platform::db::Database& db,
                                platform::http::Metrics& metrics, const platform::realtime::RelayCounters& relay) {
    router.add(Method::get, "/healthz", Role::anyone, healthz);
    router.add(Method::get, "/readyz", Role::anyone, [&db](Request&) { return readyz(db); });
    router.add(Method::get, "/metrics", Role::anyone,
               [&db, &metrics, &relay](Request&) { return metrics_text(db, metrics, relay); });
}

}  // namespace superapp::app
