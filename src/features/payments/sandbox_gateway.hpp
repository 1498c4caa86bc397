#pragma once
#include <string>

#include "features/payments/gateway.hpp"

namespace superapp::features::payments {

/// A gateway that needs no network: charges get a random transaction id at once, and the payment
/// arrives as a webhook that whoever holds the secret sends (tests, a developer with curl):
///   POST /payments/webhook   X-Sandbox-Signature: hex(HMAC-SHA256(secret, raw body))
///   {"id": "evt_1", "type": "payment.succeeded" | "payment.failed",
///    "data": {"transactionId": "sbx_...", "amount": 499.5}}
class SandboxGateway final : public PaymentGateway {
  public:
    explicit SandboxGateway(std::string webhook_secret) : secret_(std::move(webhook_secret)) {}

    boost::asio::awaitable<Charge> create_charge(const std::string& order_id, platform::core::Money amount) override;
    std::string_view signature_header() const override { return "X-Sandbox-Signature"; }
    std::optional<WebhookEvent> read_webhook(std::string_view raw_body, std::string_view signature,
                                             WebhookRefusal* why) const override;

    /// hex(HMAC-SHA256(secret, body)), lowercase. Pure.
    std::string sign(std::string_view body) const;

  private:
    std::string secret_;
};

/// The PAYMENTS_WEBHOOK_SECRET used when none is set; production refuses it.
inline constexpr std::string_view kDevelopmentWebhookSecret = "development-only-webhook-secret";

}  // namespace superapp::features::payments
