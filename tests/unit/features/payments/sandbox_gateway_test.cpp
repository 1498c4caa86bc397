#include "features/payments/sandbox_gateway.hpp"

#include <gtest/gtest.h>

namespace superapp::features::payments {
namespace {

const std::string kBody =
    R"({"id":"evt_1","type":"payment.succeeded","data":{"transactionId":"sbx_1","amount":499.5}})";

TEST(SandboxGateway, SignsWithHmacSha256InLowercaseHex) {
    // echo -n 'hello' | openssl dgst -sha256 -hmac 'key-of-at-least-16'
    const SandboxGateway gateway("key-of-at-least-16");
    EXPECT_EQ(gateway.sign("hello"), "0800390af1ba6350383778430e094c94e6a610ac8769f69f7306d65d8617eaf2");
    EXPECT_NE(gateway.sign("hello"), SandboxGateway("another-key-of-16").sign("hello"));
}

TEST(SandboxGateway, ReadsASignedEvent) {
    const SandboxGateway gateway("webhook-secret-for-tests");
    WebhookRefusal why{};
    const auto event = gateway.read_webhook(kBody, gateway.sign(kBody), &why);
    ASSERT_TRUE(event);
    EXPECT_EQ(event->id, "evt_1");
    EXPECT_EQ(event->kind, WebhookEvent::Kind::succeeded);
    EXPECT_EQ(event->transaction_id, "sbx_1");
    EXPECT_EQ(event->amount, platform::core::Money::from_paise(49950));
}

TEST(SandboxGateway, RefusesABadSignatureBeforeReadingTheBody) {
    const SandboxGateway gateway("webhook-secret-for-tests");
    WebhookRefusal why{};
    std::string signature = gateway.sign(kBody);
    signature[0] = signature[0] == 'a' ? 'b' : 'a';
    EXPECT_FALSE(gateway.read_webhook(kBody, signature, &why));
    EXPECT_EQ(why, WebhookRefusal::bad_signature);
    EXPECT_FALSE(gateway.read_webhook(kBody, "", &why));
    EXPECT_EQ(why, WebhookRefusal::bad_signature);
    EXPECT_FALSE(gateway.read_webhook(kBody + " ", gateway.sign(kBody), &why));
    EXPECT_EQ(why, WebhookRefusal::bad_signature);
}

TEST(SandboxGateway, ASignedBodyThatIsNoEventIsMalformed) {
    const SandboxGateway gateway("webhook-secret-for-tests");
    WebhookRefusal why{};
    const std::string body = R"({"id":"evt_2","type":"refund"})";
    EXPECT_FALSE(gateway.read_webhook(body, gateway.sign(body), &why));
    EXPECT_EQ(why, WebhookRefusal::malformed);
}

}  // namespace
}  // namespace superapp::features::payments
