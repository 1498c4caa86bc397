#pragma once
#include <chrono>
#include <map>
#include <set>
#include <string>

#include "features/auth/otp.hpp"
#include "platform/core/config.hpp"

namespace superapp::features::auth {

enum class OtpProvider { log, http };

/// The auth feature's settings, read from the environment once at start.
struct Settings {
    OtpProvider otp_provider = OtpProvider::log;      ///< OTP_PROVIDER: log | http
    std::string sms_gateway_url;                      ///< SMS_GATEWAY_URL (http provider)
    std::string sms_api_key;                          ///< SMS_API_KEY, sent as X-Api-Key
    std::chrono::milliseconds sms_timeout{5'000};     ///< SMS_TIMEOUT_MS
    std::map<std::string, std::string> test_numbers;  ///< OTP_TEST_NUMBERS: E.164 -> fixed code, never sent
    std::string otp_secret;                           ///< OTP_SECRET: HMAC key of stored codes
    std::string default_country_code = "91";          ///< DEFAULT_COUNTRY_CODE
    std::set<std::string> admin_phones;               ///< ADMIN_PHONES: E.164 numbers that are admins
    otp::CodeRules code_rules;                        ///< OTP_TTL_SECONDS, OTP_MAX_ATTEMPTS
    otp::SendLimits send_limits;  ///< OTP_RESEND_SECONDS, OTP_PER_PHONE_PER_HOUR, OTP_PER_IP_PER_HOUR
    std::string jwt_secret;       ///< JWT_SECRET (from the core configuration)
    std::chrono::seconds access_ttl{15 * 60};  ///< ACCESS_TOKEN_TTL_SECONDS
    std::chrono::seconds refresh_ttl{30 * 24 * 3600};
    std::chrono::seconds refresh_grace{10};  ///< REFRESH_GRACE_SECONDS: a spent refresh token still refreshes this long
    std::chrono::seconds jwt_leeway{10};
};

/// Reads the settings. Throws core::ConfigError naming every bad variable, and refuses unsafe
/// ones under APP_ENV=production (OTP_PROVIDER=log, a missing OTP_SECRET or SMS_API_KEY).
/// Without OTP_SECRET elsewhere, a key is derived from JWT_SECRET.
Settings load_settings(const platform::core::Config& config);

}  // namespace superapp::features::auth
