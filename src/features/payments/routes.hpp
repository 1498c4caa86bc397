#pragma once
#include "features/payments/service.hpp"
#include "platform/http/router.hpp"

namespace superapp::features::payments {

/// The payment gateway's webhook (/payments/webhook): signed, not signed in.
void register_routes(platform::http::ApiRoutes& api, PaymentsService& payments);

}  // namespace superapp::features::payments
