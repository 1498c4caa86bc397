#pragma once
#include "features/payments/service.hpp"
#include "platform/http/router.hpp"

namespace superapp::features::payments {

/// POST /payments/webhook (raw body, signed) -> {received: true, replayed}
platform::http::Handler handle_webhook(PaymentsService& payments);

}  // namespace superapp::features::payments
