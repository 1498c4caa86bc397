#include "platform/http/idempotency.hpp"

#include <gtest/gtest.h>

namespace superapp::platform::http {
namespace {

TEST(IdempotencyKey, IsOneTo255VisibleAsciiCharacters) {
    EXPECT_TRUE(valid_idempotency_key("a"));
    EXPECT_TRUE(valid_idempotency_key("3f1c9a8e-6b1d-4c53-9d7e-2a1b0c9d8e7f"));
    EXPECT_TRUE(valid_idempotency_key(std::string(255, '~')));
    EXPECT_FALSE(valid_idempotency_key(""));
    EXPECT_FALSE(valid_idempotency_key(std::string(256, 'k')));
    EXPECT_FALSE(valid_idempotency_key("has space"));
    EXPECT_FALSE(valid_idempotency_key("tab\t"));
    EXPECT_FALSE(valid_idempotency_key("caf\xc3\xa9"));
}

TEST(IdempotencyScope, IsTheMethodAndTheRouteWithoutItsApiPrefix) {
    EXPECT_EQ(idempotency_scope(Method::post, "/api/v1/wallet/withdraw"), "POST /wallet/withdraw");
    EXPECT_EQ(idempotency_scope(Method::post, "/api/wallet/withdraw"), "POST /wallet/withdraw");
    EXPECT_EQ(idempotency_scope(Method::put, "/api/v1/orders/:id"), "PUT /orders/:id");
    EXPECT_EQ(idempotency_scope(Method::post, "/apiary"), "POST /apiary");
}

TEST(IdempotencyFingerprint, ChangesWithTheRouteAndTheBody) {
    const std::string a = request_fingerprint("POST /wallet/withdraw", R"({"amount":100})");
    EXPECT_EQ(a.size(), 64u);
    EXPECT_EQ(a, request_fingerprint("POST /wallet/withdraw", R"({"amount":100})"));
    EXPECT_NE(a, request_fingerprint("POST /wallet/withdraw", R"({"amount":101})"));
    EXPECT_NE(a, request_fingerprint("POST /orders", R"({"amount":100})"));
}

}  // namespace
}  // namespace superapp::platform::http
