#include "features/payments/handlers.hpp"

namespace superapp::features::payments {

namespace asio = boost::asio;
using platform::http::Request;
using platform::http::Response;

namespace {

asio::awaitable<Response> webhook(PaymentsService& payments, Request& req) {
    const WebhookResult result = co_await payments.webhook(req.body, req.header(payments.signature_header()));
    co_return Response::json(boost::json::object{{"received", true}, {"replayed", result == WebhookResult::replayed}});
}

}  // namespace

platform::http::Handler handle_webhook(PaymentsService& payments) {
    return [&payments](Request& req) { return webhook(payments, req); };
}

}  // namespace superapp::features::payments
