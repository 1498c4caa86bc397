#include "features/wallet/routes.hpp"

#include "features/wallet/handlers.hpp"
#include "platform/http/idempotency.hpp"

namespace superapp::features::wallet {

using platform::http::idempotent;
using platform::http::rate_limited;
using platform::http::Role;

void register_routes(platform::http::ApiRoutes& api, WalletService& wallet, platform::db::Database& db,
                     platform::http::WriteLimits& limits) {
    // One aligned line per route, read as a table.
    // clang-format off
    api.get ("/wallet/balance",                 Role::user,  handle_balance(wallet));
    api.get ("/wallet/transactions",            Role::user,  handle_transactions(wallet));
    api.post("/wallet/withdraw",                Role::user,  rate_limited(limits, "withdrawals", idempotent(db, handle_withdraw(wallet))));
    api.get ("/admin/wallet/withdrawals",       Role::admin, handle_list_withdrawals(wallet));
    api.put ("/admin/wallet/withdrawals/:id",   Role::admin, handle_decide_withdrawal(wallet));
    api.post("/admin/wallet/adjustments",       Role::admin, idempotent(db, handle_adjust(wallet)));
    // clang-format on
}

}  // namespace superapp::features::wallet
