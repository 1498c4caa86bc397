#include "app/routes.hpp"

#include "app/api_docs.hpp"
#include "app/operations.hpp"

namespace superapp::app {

void register_all_routes(platform::http::Router& router, Features& features, platform::db::Database& db,
                         platform::http::Metrics& metrics, const platform::realtime::RelayCounters& relay,
                         const platform::core::Config& config) {
    register_operations_routes(router, db);
    // With METRICS_PORT, /metrics is served on that listener alone (MetricsListener).
    if (config.metrics_port == 0) register_metrics_route(router, db, metrics, relay, config.metrics_token);
    register_api_docs_routes(router, config.swagger_ui_dir);
    platform::http::ApiRoutes api(router);
    features.register_routes(api);
}

}  // namespace superapp::app
