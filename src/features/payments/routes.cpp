#include "features/payments/routes.hpp"

#include "features/payments/handlers.hpp"

namespace superapp::features::payments {

using platform::http::BodyKind;
using platform::http::Role;

/// Gateway events are small; anything bigger is not one.
constexpr std::size_t kMaxWebhookBytes = 64 * 1024;

void register_routes(platform::http::ApiRoutes& api, PaymentsService& payments) {
    // One aligned line per route, read as a table.
    // clang-format off
    api.post("/payments/webhook",  Role::anyone, handle_webhook(payments), BodyKind::raw, kMaxWebhookBytes);
    // clang-format on
}

}  // namespace superapp::features::payments
