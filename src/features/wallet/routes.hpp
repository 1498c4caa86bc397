#pragma once
#include "features/wallet/service.hpp"
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"

namespace superapp::features::wallet {

/// The signed-in user's wallet (/wallet/...) and the admin's withdrawal queue and adjustments.
/// Money-moving POSTs need an Idempotency-Key, kept in `db`.
void register_routes(platform::http::ApiRoutes& api, WalletService& wallet, platform::db::Database& db);

}  // namespace superapp::features::wallet
