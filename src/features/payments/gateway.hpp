#pragma once
#include <boost/asio/awaitable.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "platform/core/config.hpp"
#include "platform/core/money.hpp"

namespace superapp::features::payments {

/// A card payment the gateway has started for an order.
struct Charge {
    std::string transaction_id;
};

/// What a gateway reports through its webhook.
struct WebhookEvent {
    enum class Kind { succeeded, failed };
    std::string id;  ///< the gateway's event id: the same event delivered twice has the same id
    Kind kind = Kind::succeeded;
    std::string transaction_id;
    platform::core::Money amount;
};

/// Why a webhook was not accepted.
enum class WebhookRefusal { bad_signature, malformed };

/// A card payment provider.
class PaymentGateway {
  public:
    virtual ~PaymentGateway() = default;

    /// Starts a payment of `amount` for the order. Throws ApiError 503 when the gateway cannot be
    /// reached. Shard thread.
    virtual boost::asio::awaitable<Charge> create_charge(const std::string& order_id, platform::core::Money amount) = 0;
    /// The request header that carries a webhook's signature.
    virtual std::string_view signature_header() const = 0;
    /// The event in a webhook's raw body, once its signature is checked (constant time). Any thread.
    virtual std::optional<WebhookEvent> read_webhook(std::string_view raw_body, std::string_view signature,
                                                     WebhookRefusal* why) const = 0;
};

/// The gateway PAYMENTS_GATEWAY names (only `sandbox` so far) with its settings. Throws
/// ConfigError naming every bad variable.
std::unique_ptr<PaymentGateway> make_gateway(const platform::core::Config& config);

}  // namespace superapp::features::payments
