#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <cstdio>

#include "app/commands.hpp"
#include "app/database_task.hpp"
#include "app/event_relay.hpp"
#include "app/operations.hpp"
#include "app/routes.hpp"
#include "app/socket_events.hpp"
#include "features/media/service.hpp"
#include "platform/core/log.hpp"
#include "platform/db/migrations.hpp"
#include "platform/http/pipeline.hpp"
#include "platform/http/server.hpp"
#include "platform/realtime/server.hpp"

namespace superapp::app {

namespace asio = boost::asio;
namespace log = platform::core::log;
using platform::core::Config;

namespace {

platform::http::ServerOptions server_options(const Config& c) {
    return {.host = c.host,
            .port = c.port,
            .io_threads = c.io_threads,
            .max_body_bytes = c.max_body_bytes,
            .max_header_bytes = c.max_header_bytes,
            .request_timeout = c.request_timeout,
            .idle_timeout = c.idle_timeout,
            .shutdown_grace = c.shutdown_grace,
            .max_connections = c.max_connections,
            .spool_dir = features::media::incoming_dir(features::media::load_settings(c.env)),
            .upload_timeout = c.upload_timeout};
}

// Start-up check: the database answers and its schema is current (or is brought current).
asio::awaitable<int> check_schema(platform::db::Database& db, bool migrate_on_start) {
    if (migrate_on_start) {
        for (const auto& name : co_await platform::db::migrations::apply_pending(db))
            log::info("migration applied", {{"version", name}});
        co_return 0;
    }
    const auto status = co_await platform::db::migrations::status(db);
    if (!status.changed.empty()) {
        std::fprintf(stderr, "superapp: applied migration %s was edited after it ran\n",
                     status.changed.front().c_str());
        co_return 1;
    }
    if (!status.pending.empty()) {
        std::fprintf(stderr,
                     "superapp: %zu pending migration(s), first %s: run 'superapp migrate' or set MIGRATE_ON_START=1\n",
                     status.pending.size(), status.pending.front().c_str());
        co_return 1;
    }
    co_return 0;
}

}  // namespace

int serve_command(const Config& config) {
    log::init(config.log_level);
    if (config.app_env != platform::core::AppEnv::production &&
        config.jwt_secret == platform::core::kDevelopmentJwtSecret) {
        log::warn("using the development JWT secret; set JWT_SECRET before exposing this server");
    }
    const bool migrate = config.migrate_on_start;
    if (const int rc =
            run_database_task(config, [migrate](platform::db::Database& db) { return check_schema(db, migrate); });
        rc != 0) {
        log::shutdown();
        return rc;
    }

    platform::http::Metrics metrics;
    platform::http::Router router;
    platform::http::Pipeline pipeline(router, platform::http::middleware::Cors(config.cors_origins), metrics, nullptr,
                                      config.trust_proxy);
    platform::http::Server server(server_options(config), pipeline, metrics);
    std::vector<asio::io_context*> shards;
    for (int i = 0; i < server.shard_count(); ++i) shards.push_back(&server.shard(i));
    platform::db::Database db(pool_options(config), shards);
    std::unique_ptr<Features> features;
    std::unique_ptr<platform::realtime::Relay> relay;
    platform::realtime::Settings socket_settings;
    try {
        socket_settings = platform::realtime::load_settings(config.env, config.app_env);
        socket_settings.trust_proxy = config.trust_proxy;
        socket_settings.cors_origins = config.cors_origins;
        features = std::make_unique<Features>(config, db);
        relay = make_relay(config, db, server.shard(0), features->events());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "superapp: %s\n", e.what());
        log::shutdown();
        return 1;
    }
    // Logouts and revocations that still matter are known before the first request.
    if (const int rc = run_database_task(
            config, [&features](platform::db::Database& start_db) { return features->load_sessions(start_db); });
        rc != 0) {
        log::shutdown();
        return rc;
    }
    register_all_routes(router, *features, db, metrics, relay->counters(), config);
    pipeline.set_authenticator(features->authenticator());

    // Socket.IO at /socket.io/: sockets get every event features publish after their commits.
    AppSocketEvents app_socket_events;
    ConformanceSocketEvents conformance_socket_events;
    if (socket_settings.conformance) log::warn("SOCKETIO_CONFORMANCE=1: sockets connect without a token");
    platform::realtime::SocketIoServer sockets(
        socket_settings, shards, socket_settings.conformance ? nullptr : features->authenticator(),
        socket_settings.conformance ? static_cast<platform::realtime::ClientEvents&>(conformance_socket_events)
                                    : app_socket_events);
    features->events().subscribe([&sockets](const platform::realtime::Event& e) { sockets.deliver(e); });
    // A login ended here or on another process (relay or poll) ends its sockets here.
    features->sessions().set_listener([&sockets](const features::auth::Revocation& r) {
        sockets.end_sessions({.family_id = r.family_id,
                              .user_id = r.user_id,
                              .below_version = r.version.value_or(0),
                              .reason = std::string(features::auth::reason_name(r.reason))});
    });
    server.set_connection_handler(&sockets);

    std::uint16_t port = 0;
    try {
        port = server.listen();
    } catch (const std::exception& e) {
        log::error("cannot listen", {{"host", config.host}, {"port", config.port}, {"error", e.what()}});
        log::shutdown();
        return 1;
    }
    log::info(
        "listening",
        {{"host", config.host}, {"port", port}, {"ioThreads", server.shard_count()}, {"version", SUPERAPP_VERSION}});
    std::unique_ptr<MetricsListener> metrics_listener;
    if (config.metrics_port != 0) {
        metrics_listener = std::make_unique<MetricsListener>(config, db, metrics, relay->counters());
        try {
            const std::uint16_t metrics_port = metrics_listener->listen();
            log::info("metrics listening", {{"host", config.metrics_host}, {"port", metrics_port}});
        } catch (const std::exception& e) {
            log::error("cannot listen for metrics",
                       {{"host", config.metrics_host}, {"port", config.metrics_port}, {"error", e.what()}});
            log::shutdown();
            return 1;
        }
    }

    asio::signal_set signals(server.shard(0), SIGINT, SIGTERM);
    signals.async_wait([&server, &metrics_listener](const boost::system::error_code& ec, int signal_number) {
        if (ec) return;
        log::info("signal received, draining", {{"signal", signal_number}});
        if (metrics_listener) metrics_listener->stop();
        server.stop();
    });
    if (metrics_listener) metrics_listener->start();
    relay->start();
    features->start_jobs(server.shard(0));
    server.run([](int shard) { platform::db::Database::set_thread_shard(static_cast<std::size_t>(shard)); },
               [&db, &signals, &features, &relay]() {
                   signals.cancel();
                   features->stop_jobs();
                   relay->stop();
                   return db.close();
               });
    log::info("stopped");
    log::shutdown();
    return 0;
}

}  // namespace superapp::app
