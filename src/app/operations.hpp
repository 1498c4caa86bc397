#pragma once
#include "platform/db/database.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/router.hpp"
#include "platform/realtime/relay.hpp"

namespace superapp::app {

/// GET /healthz, /readyz and /metrics: for load balancers and Prometheus, outside /api.
void register_operations_routes(platform::http::Router& router, platform::db::Database& db,
                                platform::http::Metrics& metrics, const platform::realtime::RelayCounters& relay);

}  // namespace superapp::app
