#pragma once
#include "app/features.hpp"
#include "platform/core/config.hpp"
#include "platform/db/database.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/router.hpp"
#include "platform/realtime/relay.hpp"

namespace superapp::app {

/// Registers every route the process serves: operations, API docs, then the features'.
void register_all_routes(platform::http::Router& router, Features& features, platform::db::Database& db,
                         platform::http::Metrics& metrics, const platform::realtime::RelayCounters& relay,
                         const platform::core::Config& config);

}  // namespace superapp::app
