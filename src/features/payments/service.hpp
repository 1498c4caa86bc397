#pragma once
#include <boost/asio/awaitable.hpp>
#include <string_view>

#include "features/orders/service.hpp"
#include "features/payments/gateway.hpp"
#include "platform/db/database.hpp"

namespace superapp::features::payments {

/// What a webhook did.
enum class WebhookResult { applied, replayed };

/// The payment gateway's webhook. Shard thread; throws ApiError and DbError.
class PaymentsService {
  public:
    PaymentsService(platform::db::Database& db, PaymentGateway& gateway, orders::OrdersService& orders)
        : db_(db), gateway_(gateway), orders_(orders) {}

    /// Checks the signature (401 BAD_SIGNATURE), reads the event (400 BAD_EVENT) and applies it to
    /// its order once: an event id seen before changes nothing (replayed). Errors as
    /// OrdersService::settle_in; a refused event is not recorded, so a corrected one can follow.
    boost::asio::awaitable<WebhookResult> webhook(std::string_view raw_body, std::string_view signature);
    /// The header the gateway signs webhooks in.
    std::string_view signature_header() const { return gateway_.signature_header(); }

  private:
    platform::db::Database& db_;
    PaymentGateway& gateway_;
    orders::OrdersService& orders_;
};

}  // namespace superapp::features::payments
