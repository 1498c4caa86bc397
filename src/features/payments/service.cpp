#include "features/payments/service.hpp"

#include "features/payments/repository.hpp"
#include "platform/http/api_error.hpp"

namespace superapp::features::payments {

namespace asio = boost::asio;
using platform::db::Tx;
using platform::http::ApiError;

namespace {

asio::awaitable<std::optional<orders::Outcome>> apply_in(Tx& tx, const WebhookEvent& event) {
    const std::string_view type = event.kind == WebhookEvent::Kind::failed ? "payment.failed" : "payment.succeeded";
    const bool recorded = co_await PaymentsRepository::record_in(tx, event.id, event.transaction_id, type);
    if (!recorded) co_return std::nullopt;
    orders::Outcome out = co_await orders::OrdersService::settle_in(tx, event);
    co_return out;
}

}  // namespace

asio::awaitable<WebhookResult> PaymentsService::webhook(std::string_view raw_body, std::string_view signature) {
    WebhookRefusal why = WebhookRefusal::malformed;
    const std::optional<WebhookEvent> event = gateway_.read_webhook(raw_body, signature, &why);
    if (!event && why == WebhookRefusal::bad_signature) {
        throw ApiError::unauthorized("the webhook signature does not match", "BAD_SIGNATURE");
    }
    if (!event) throw ApiError::bad_request("the body is not a payment event", "BAD_EVENT");
    const std::optional<orders::Outcome> out = co_await db_.transaction(apply_in, *event);
    if (!out) co_return WebhookResult::replayed;
    orders_.publish(*out);
    co_return WebhookResult::applied;
}

}  // namespace superapp::features::payments
