#pragma once
#include "features/wallet/service.hpp"
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"
#include "platform/http/write_limits.hpp"

namespace superapp::features::wallet {

/// The signed-in user's wallet (/wallet/...) and the admin's withdrawal queue and adjustments.
/// Money-moving POSTs need an Idempotency-Key, kept in `db`.
/// The writes a person makes are rate-limited by `limits` (platform/http/write_limits.hpp).
void register_routes(platform::http::ApiRoutes& api, WalletService& wallet, platform::db::Database& db,
                     platform::http::WriteLimits& limits);

}  // namespace superapp::features::wallet
