#include "features/auth/settings.hpp"

#include <gtest/gtest.h>

namespace superapp::features::auth {
namespace {

using platform::core::ConfigError;
using platform::core::Env;

platform::core::Config config_of(std::initializer_list<std::pair<std::string, std::string>> vars) {
    Env env;
    for (const auto& [k, v] : vars) env.set(k, v);
    return platform::core::load_config(env);
}

const std::string kJwt(40, 'j');
const std::string kOtp(40, 'o');

TEST(AuthSettings, DefaultsAreTheIssuesRules) {
    const Settings s = load_settings(config_of({}));
    EXPECT_EQ(s.otp_provider, OtpProvider::log);
    EXPECT_EQ(s.default_country_code, "91");
    EXPECT_EQ(s.code_rules.ttl, std::chrono::seconds(300));
    EXPECT_EQ(s.code_rules.max_attempts, 5);
    EXPECT_EQ(s.send_limits.cooldown, std::chrono::seconds(60));
    EXPECT_EQ(s.send_limits.per_phone_per_hour, 5);
    EXPECT_EQ(s.send_limits.per_ip_per_hour, 20);
    EXPECT_EQ(s.access_ttl, std::chrono::minutes(15));
    EXPECT_EQ(s.refresh_ttl, std::chrono::hours(24 * 30));
    EXPECT_EQ(s.refresh_grace, std::chrono::seconds(10));
    EXPECT_FALSE(s.otp_secret.empty());
    EXPECT_NE(s.otp_secret, s.jwt_secret);
}

TEST(AuthSettings, ReadsTestNumbersAndAdminPhonesInAnyWritingAsE164) {
    const Settings s = load_settings(config_of({{"OTP_TEST_NUMBERS", "+919999900001:123456, 99999 00002:000001"},
                                                {"ADMIN_PHONES", "+91 99999 00001,09999900003"}}));
    EXPECT_EQ(s.test_numbers.at("+919999900001"), "123456");
    EXPECT_EQ(s.test_numbers.at("+919999900002"), "000001");
    EXPECT_TRUE(s.admin_phones.contains("+919999900001"));
    EXPECT_TRUE(s.admin_phones.contains("+919999900003"));
}

TEST(AuthSettings, RefusesMalformedLists) {
    EXPECT_THROW(load_settings(config_of({{"OTP_TEST_NUMBERS", "+919999900001"}})), ConfigError);
    EXPECT_THROW(load_settings(config_of({{"OTP_TEST_NUMBERS", "+919999900001:12345"}})), ConfigError);
    EXPECT_THROW(load_settings(config_of({{"OTP_TEST_NUMBERS", "12:123456"}})), ConfigError);
    EXPECT_THROW(load_settings(config_of({{"ADMIN_PHONES", "+91 12345"}})), ConfigError);
    EXPECT_THROW(load_settings(config_of({{"DEFAULT_COUNTRY_CODE", "india"}})), ConfigError);
    EXPECT_THROW(load_settings(config_of({{"OTP_PROVIDER", "carrier-pigeon"}})), ConfigError);
    EXPECT_THROW(load_settings(config_of({{"OTP_PER_PHONE_PER_HOUR", "0"}})), ConfigError);
}

TEST(AuthSettings, HttpProviderNeedsAGatewayUrl) {
    EXPECT_THROW(load_settings(config_of({{"OTP_PROVIDER", "http"}})), ConfigError);
    const Settings s =
        load_settings(config_of({{"OTP_PROVIDER", "http"}, {"SMS_GATEWAY_URL", "http://127.0.0.1:9/sms"}}));
    EXPECT_EQ(s.otp_provider, OtpProvider::http);
}

TEST(AuthSettings, ProductionRefusesTheLogProviderAndDerivedSecrets) {
    const auto production = [](std::initializer_list<std::pair<std::string, std::string>> extra) {
        Env env;
        env.set("APP_ENV", "production");
        env.set("JWT_SECRET", kJwt);
        env.set("METRICS_PORT", "9100");
        for (const auto& [k, v] : extra) env.set(k, v);
        return load_settings(platform::core::load_config(env));
    };
    const std::string url = "https://sms.example.com/send";
    EXPECT_THROW(production({}), ConfigError);
    EXPECT_THROW(production({{"OTP_PROVIDER", "log"}, {"OTP_SECRET", kOtp}}), ConfigError);
    EXPECT_THROW(production({{"OTP_PROVIDER", "http"}, {"SMS_GATEWAY_URL", url}, {"SMS_API_KEY", "k"}}),
                 ConfigError);  // no OTP_SECRET
    EXPECT_THROW(production({{"OTP_PROVIDER", "http"}, {"SMS_GATEWAY_URL", url}, {"OTP_SECRET", kOtp}}),
                 ConfigError);  // no SMS_API_KEY
    EXPECT_THROW(
        production({{"OTP_PROVIDER", "http"}, {"SMS_GATEWAY_URL", url}, {"SMS_API_KEY", "k"}, {"OTP_SECRET", kJwt}}),
        ConfigError);  // the same key twice
    EXPECT_NO_THROW(
        production({{"OTP_PROVIDER", "http"}, {"SMS_GATEWAY_URL", url}, {"SMS_API_KEY", "k"}, {"OTP_SECRET", kOtp}}));
}

}  // namespace
}  // namespace superapp::features::auth
