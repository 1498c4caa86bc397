#include "features/auth/settings.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>

#include "features/auth/phone.hpp"

namespace superapp::features::auth {
namespace {

using platform::core::AppEnv;
using platform::core::EnvReader;
using platform::core::split_list;

// A separate key for stored codes, so that a leaked code table and a leaked token key do not
// help each other; derived when none is configured (development and tests only).
std::string derive_otp_secret(const std::string& jwt_secret) {
    constexpr std::string_view kLabel = "superapp otp code key v1";
    std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
    unsigned int size = 0;
    HMAC(EVP_sha256(), jwt_secret.data(), static_cast<int>(jwt_secret.size()),
         reinterpret_cast<const unsigned char*>(kLabel.data()), kLabel.size(), mac.data(), &size);
    return std::string(reinterpret_cast<const char*>(mac.data()), size);
}

}  // namespace

Settings load_settings(const platform::core::Config& config) {
    Settings s;
    s.jwt_secret = config.jwt_secret;
    EnvReader r(config.env);
    const bool production = config.app_env == AppEnv::production;

    r.string("DEFAULT_COUNTRY_CODE", s.default_country_code);
    if (!s.default_country_code.empty() && s.default_country_code.front() == '+') s.default_country_code.erase(0, 1);
    if (!valid_country_code(s.default_country_code)) {
        r.fail("DEFAULT_COUNTRY_CODE", "must be a country calling code such as 91");
        s.default_country_code = "91";
    }

    std::string provider = "log";
    r.string("OTP_PROVIDER", provider);
    if (provider == "log") {
        s.otp_provider = OtpProvider::log;
        if (production)
            r.fail("OTP_PROVIDER", "log writes codes to the log and is not allowed when APP_ENV=production");
    } else if (provider == "http") {
        s.otp_provider = OtpProvider::http;
    } else {
        r.fail("OTP_PROVIDER", "must be log or http");
    }
    r.string("SMS_GATEWAY_URL", s.sms_gateway_url);
    r.string("SMS_API_KEY", s.sms_api_key);
    r.millis("SMS_TIMEOUT_MS", s.sms_timeout, 100, 60'000);
    if (s.otp_provider == OtpProvider::http) {
        if (!s.sms_gateway_url.starts_with("http://") && !s.sms_gateway_url.starts_with("https://")) {
            r.fail("SMS_GATEWAY_URL", "must be an http:// or https:// URL when OTP_PROVIDER=http");
        }
        if (production && s.sms_api_key.empty()) r.fail("SMS_API_KEY", "must be set when APP_ENV=production");
        if (production && s.sms_gateway_url.starts_with("http://")) {
            r.fail("SMS_GATEWAY_URL", "must be https:// when APP_ENV=production");
        }
    }

    if (auto value = config.env.get("OTP_TEST_NUMBERS")) {
        for (const auto& entry : split_list(*value)) {
            const std::size_t colon = entry.rfind(':');
            const auto phone = colon == std::string::npos
                                   ? std::nullopt
                                   : normalize_phone(entry.substr(0, colon), s.default_country_code);
            const std::string code = colon == std::string::npos ? std::string() : entry.substr(colon + 1);
            if (!phone || !otp::is_code(code)) {
                r.fail("OTP_TEST_NUMBERS", "'" + entry + "' is not <mobile number>:<6 digits>");
                continue;
            }
            s.test_numbers[*phone] = code;
        }
    }
    if (auto value = config.env.get("ADMIN_PHONES")) {
        for (const auto& entry : split_list(*value)) {
            if (auto phone = normalize_phone(entry, s.default_country_code)) {
                s.admin_phones.insert(*phone);
            } else {
                r.fail("ADMIN_PHONES", "'" + entry + "' is not a mobile number");
            }
        }
    }

    if (r.has("OTP_SECRET")) {
        r.string("OTP_SECRET", s.otp_secret);
        if (s.otp_secret.size() < 32) r.fail("OTP_SECRET", "must be at least 32 characters");
        if (s.otp_secret == config.jwt_secret) r.fail("OTP_SECRET", "must differ from JWT_SECRET");
    } else if (production) {
        r.fail("OTP_SECRET", "must be set to a secret of your own when APP_ENV=production");
    } else {
        s.otp_secret = derive_otp_secret(config.jwt_secret);
    }

    long long ttl = s.code_rules.ttl.count();
    r.integer("OTP_TTL_SECONDS", ttl, 1, 3600);
    s.code_rules.ttl = std::chrono::seconds(ttl);
    r.integer("OTP_MAX_ATTEMPTS", s.code_rules.max_attempts, 1, 20);
    long long cooldown = s.send_limits.cooldown.count();
    r.integer("OTP_RESEND_SECONDS", cooldown, 0, 3600);
    s.send_limits.cooldown = std::chrono::seconds(cooldown);
    r.integer("OTP_PER_PHONE_PER_HOUR", s.send_limits.per_phone_per_hour, 1, 1000);
    r.integer("OTP_PER_IP_PER_HOUR", s.send_limits.per_ip_per_hour, 1, 100'000);
    long long access_ttl = s.access_ttl.count();
    r.integer("ACCESS_TOKEN_TTL_SECONDS", access_ttl, 2, 24 * 3600);
    s.access_ttl = std::chrono::seconds(access_ttl);
    long long grace = s.refresh_grace.count();
    r.integer("REFRESH_GRACE_SECONDS", grace, 0, 60);
    s.refresh_grace = std::chrono::seconds(grace);

    r.throw_if_invalid();
    return s;
}

}  // namespace superapp::features::auth
