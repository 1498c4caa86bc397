#include "app/operations.hpp"

#include <openssl/crypto.h>

#include <boost/json/object.hpp>

#include "platform/http/api_error.hpp"
#include "platform/http/headers.hpp"

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

// Whether `authorization` is "Bearer <token>", compared in constant time (for tokens of its length).
bool bearer_matches(std::string_view authorization, std::string_view token) {
    constexpr std::string_view kScheme = "Bearer ";
    if (authorization.size() <= kScheme.size() ||
        !platform::http::iequals(authorization.substr(0, kScheme.size()), kScheme)) {
        return false;
    }
    const std::string_view given = authorization.substr(kScheme.size());
    return given.size() == token.size() && CRYPTO_memcmp(given.data(), token.data(), token.size()) == 0;
}

asio::awaitable<Response> metrics_text(platform::db::Database& db, platform::http::Metrics& metrics,
                                       const platform::realtime::RelayCounters& relay, const std::string& token,
                                       Request& req) {
    if (!token.empty() && !bearer_matches(req.header("Authorization"), token)) {
        throw platform::http::ApiError::unauthorized("/metrics needs the metrics token as a Bearer token");
    }
    Response res = Response::text(metrics.render(pool_metrics(db.stats()) + platform::realtime::render_metrics(relay)),
                                  "text/plain; version=0.0.4; charset=utf-8");
    res.headers.set("Cache-Control", "no-store");
    co_return res;
}

}  // namespace

void register_operations_routes(platform::http::Router& router, platform::db::Database& db) {
    router.add(Method::get, "/healthz", Role::anyone, healthz);
    router.add(Method::get, "/readyz", Role::anyone, [&db](Request&) { return readyz(db); });
}

void register_metrics_route(platform::http::Router& router, platform::db::Database& db,
                            platform::http::Metrics& metrics, const platform::realtime::RelayCounters& relay,
                            std::string token) {
    router.add(
        Method::get, "/metrics", Role::anyone,
        [&db, &metrics, &relay, token = std::move(token)](Request& req) {
            return metrics_text(db, metrics, relay, token, req);
        },
        platform::http::BodyKind::json, std::nullopt, platform::http::AuthorizationBy::handler);
}

namespace {

platform::http::ServerOptions metrics_listener_options(const platform::core::Config& c) {
    return {.host = c.metrics_host,
            .port = c.metrics_port,
            .io_threads = 1,
            .max_body_bytes = 1024,
            .max_header_bytes = c.max_header_bytes,
            .request_timeout = c.request_timeout,
            .idle_timeout = c.idle_timeout,
            .shutdown_grace = c.shutdown_grace,
            .max_connections = 64};
}

}  // namespace

MetricsListener::MetricsListener(const platform::core::Config& config, platform::db::Database& db,
                                 platform::http::Metrics& metrics, const platform::realtime::RelayCounters& relay)
    : pipeline_(router_, platform::http::middleware::Cors({}), own_metrics_, nullptr, config.trust_proxy),
      server_(metrics_listener_options(config), pipeline_, own_metrics_) {
    register_metrics_route(router_, db, metrics, relay, config.metrics_token);
}

MetricsListener::~MetricsListener() {
    if (thread_.joinable()) {
        stop();
        thread_.join();
    }
}

std::uint16_t MetricsListener::listen() { return server_.listen(); }

void MetricsListener::start() {
    thread_ = std::thread([this] { server_.run({}, {}); });
}

void MetricsListener::stop() { server_.stop(); }

}  // namespace superapp::app
