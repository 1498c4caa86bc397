#pragma once
#include <cstdint>
#include <string>
#include <thread>

#include "platform/core/config.hpp"
#include "platform/db/database.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/pipeline.hpp"
#include "platform/http/router.hpp"
#include "platform/http/server.hpp"
#include "platform/realtime/relay.hpp"

namespace superapp::app {

/// GET /healthz and /readyz: for load balancers, outside /api.
void register_operations_routes(platform::http::Router& router, platform::db::Database& db);

/// GET /metrics, for Prometheus: on the main router, or alone on the METRICS_PORT listener's. With a
/// non-empty `token` it answers 401 unless the request carries `Authorization: Bearer <token>`.
void register_metrics_route(platform::http::Router& router, platform::db::Database& db,
                            platform::http::Metrics& metrics, const platform::realtime::RelayCounters& relay,
                            std::string token);

/// METRICS_PORT: a second plain HTTP listener, on a thread of its own, that serves GET /metrics and
/// nothing else. Its own requests are counted apart from the application's.
class MetricsListener {
  public:
    MetricsListener(const platform::core::Config& config, platform::db::Database& db, platform::http::Metrics& metrics,
                    const platform::realtime::RelayCounters& relay);
    /// Stops it if it still runs, and waits for its thread.
    ~MetricsListener();
    MetricsListener(const MetricsListener&) = delete;
    MetricsListener& operator=(const MetricsListener&) = delete;

    /// Binds and listens; returns the bound port. Throws std::system_error on failure.
    std::uint16_t listen();
    /// Serves on its own thread until stop().
    void start();
    /// Starts a graceful stop; any thread, returns at once.
    void stop();

  private:
    platform::http::Metrics own_metrics_;
    platform::http::Router router_;
    platform::http::Pipeline pipeline_;
    platform::http::Server server_;
    std::thread thread_;
};

}  // namespace superapp::app
