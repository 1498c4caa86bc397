#include "features/auth/otp.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace superapp::features::auth::otp {
namespace {

constexpr auto kHour = std::chrono::hours(1);

std::chrono::seconds ceil_seconds(std::chrono::microseconds d) {
    return std::max(std::chrono::seconds(0), std::chrono::ceil<std::chrono::seconds>(d));
}

}  // namespace

std::string generate_code() {
    // Rejection sampling: 32-bit values at or above the largest multiple of 10^6 would make
    // the low codes likelier.
    constexpr std::uint32_t kRange = 1'000'000;
    constexpr std::uint32_t kLimit = UINT32_MAX - (UINT32_MAX % kRange);
    for (;;) {
        std::uint32_t value = 0;
        if (RAND_bytes(reinterpret_cast<unsigned char*>(&value), sizeof value) != 1) {
            throw std::runtime_error("the random number generator failed");
        }
        if (value >= kLimit) continue;
        std::string code = std::to_string(value % kRange);
        return std::string(kCodeLength - code.size(), '0') + code;
    }
}

bool is_code(std::string_view code) {
    return code.size() == kCodeLength &&
           std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string hash_code(std::string_view secret, std::string_view e164, std::string_view code) {
    const std::string message = std::string(e164) + ":" + std::string(code);
    std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
    unsigned int size = 0;
    if (!HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
              reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac.data(), &size)) {
        throw std::runtime_error("HMAC-SHA256 failed");
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (unsigned int i = 0; i < size; ++i) {
        out += kHex[mac[i] >> 4];
        out += kHex[mac[i] & 0x0F];
    }
    return out;
}

bool hashes_equal(std::string_view a, std::string_view b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

Verdict check(const StoredCode& stored, std::string_view presented_hash, Timestamp now, const CodeRules& rules) {
    if (stored.attempts >= rules.max_attempts) return Verdict::exhausted;
    if (now >= stored.expires_at) return Verdict::expired;
    return hashes_equal(stored.hash, presented_hash) ? Verdict::accepted : Verdict::wrong;
}

SendDecision may_send(const SendHistory& history, const SendLimits& limits, Timestamp now) {
    SendDecision d;
    const auto hour_reset = [now](const std::optional<Timestamp>& oldest) {
        return oldest ? ceil_seconds(*oldest + kHour - now) : std::chrono::seconds(std::chrono::hours(1));
    };
    d.phone_reset = hour_reset(history.oldest_phone_in_hour);
    d.phone_remaining = std::max(0, limits.per_phone_per_hour - history.phone_last_hour - 1);
    if (history.phone_last_hour >= limits.per_phone_per_hour) {
        d.refused_by = SendLimit::phone_hourly;
        d.retry_after = std::max(std::chrono::seconds(1), d.phone_reset);
        d.phone_remaining = 0;
        return d;
    }
    if (history.ip_last_hour >= limits.per_ip_per_hour) {
        d.refused_by = SendLimit::ip_hourly;
        d.retry_after = std::max(std::chrono::seconds(1), hour_reset(history.oldest_ip_in_hour));
        d.phone_remaining = std::max(0, limits.per_phone_per_hour - history.phone_last_hour);
        return d;
    }
    if (history.last_to_phone && now < *history.last_to_phone + limits.cooldown) {
        d.refused_by = SendLimit::cooldown;
        d.retry_after = std::max(std::chrono::seconds(1), ceil_seconds(*history.last_to_phone + limits.cooldown - now));
        d.phone_remaining = std::max(0, limits.per_phone_per_hour - history.phone_last_hour);
        return d;
    }
    return d;
}

}  // namespace superapp::features::auth::otp
