#include "features/payments/sandbox_gateway.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <boost/json/parse.hpp>
#include <stdexcept>

#include "platform/core/validation.hpp"

namespace superapp::features::payments {

namespace asio = boost::asio;
using platform::core::Money;

namespace {

std::string hex(const unsigned char* bytes, std::size_t n) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(n * 2);
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back(kDigits[bytes[i] >> 4]);
        out.push_back(kDigits[bytes[i] & 0xf]);
    }
    return out;
}

std::optional<WebhookEvent> parse_event(std::string_view raw_body) {
    boost::system::error_code ec;
    const boost::json::value body = boost::json::parse(raw_body, ec);
    if (ec) return std::nullopt;
    platform::core::Validator v(body);
    WebhookEvent event;
    event.id = v.required_string("id", {.min = 1, .max = 100});
    const std::string type = v.required_enum("type", {"payment.succeeded", "payment.failed"});
    event.kind = type == "payment.failed" ? WebhookEvent::Kind::failed : WebhookEvent::Kind::succeeded;
    event.transaction_id = v.required_string("data.transactionId", {.min = 1, .max = 100});
    event.amount = v.required_money("data.amount");
    if (!v.ok()) return std::nullopt;
    return event;
}

}  // namespace

asio::awaitable<Charge> SandboxGateway::create_charge(const std::string&, Money) {
    unsigned char bytes[12];
    if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("RAND_bytes failed");
    co_return Charge{"sbx_" + hex(bytes, sizeof bytes)};
}

std::string SandboxGateway::sign(std::string_view body) const {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
              reinterpret_cast<const unsigned char*>(body.data()), body.size(), digest, &length)) {
        throw std::runtime_error("HMAC-SHA256 failed");
    }
    return hex(digest, length);
}

std::optional<WebhookEvent> SandboxGateway::read_webhook(std::string_view raw_body, std::string_view signature,
                                                         WebhookRefusal* why) const {
    const std::string expected = sign(raw_body);
    if (signature.size() != expected.size() || CRYPTO_memcmp(signature.data(), expected.data(), expected.size()) != 0) {
        *why = WebhookRefusal::bad_signature;
        return std::nullopt;
    }
    auto event = parse_event(raw_body);
    if (!event) *why = WebhookRefusal::malformed;
    return event;
}

std::unique_ptr<PaymentGateway> make_gateway(const platform::core::Config& config) {
    platform::core::EnvReader reader(config.env);
    std::string gateway = "sandbox";
    std::string secret(kDevelopmentWebhookSecret);
    reader.string("PAYMENTS_GATEWAY", gateway);
    reader.string("PAYMENTS_WEBHOOK_SECRET", secret);
    if (gateway != "sandbox") reader.fail("PAYMENTS_GATEWAY", "must be sandbox");
    if (secret.size() < 16) reader.fail("PAYMENTS_WEBHOOK_SECRET", "must be at least 16 characters");
    if (config.app_env == platform::core::AppEnv::production && secret == kDevelopmentWebhookSecret) {
        reader.fail("PAYMENTS_WEBHOOK_SECRET", "must be set to a secret of your own when APP_ENV=production");
    }
    reader.throw_if_invalid();
    return std::make_unique<SandboxGateway>(secret);
}

}  // namespace superapp::features::payments
