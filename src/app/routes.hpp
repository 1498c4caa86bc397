#pragma once
#include "platform/core/config.hpp"
#include "platform/db/database.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/router.hpp"

namespace superapp::app {

/// Registers every route the process serves: operations, API docs, then each enabled feature.
/// This is the one list of enabled features.
void register_all_routes(platform::http::Router& router, platform::db::Database& db, platform::http::Metrics& metrics,
                         const platform::core::Config& config);

}  // namespace superapp::app
