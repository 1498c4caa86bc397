#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "platform/core/time.hpp"

// One-time login codes: how they are made, stored and checked. Pure functions; any thread.
namespace superapp::features::auth::otp {

using platform::core::Timestamp;

inline constexpr std::size_t kCodeLength = 6;

/// A uniformly random 6-digit code ("000000" to "999999") from OpenSSL's CSPRNG.
/// Throws std::runtime_error when the random source fails.
std::string generate_code();

/// True for exactly six ASCII digits.
bool is_code(std::string_view code);

/// The stored form of a code: lowercase hex HMAC-SHA256 keyed with `secret` over the phone
/// number and the code, so a stored hash says nothing without the secret and is useless for
/// another number.
std::string hash_code(std::string_view secret, std::string_view e164, std::string_view code);

/// Compares two hashes in constant time.
bool hashes_equal(std::string_view a, std::string_view b);

/// How a code is kept and spent.
struct CodeRules {
    std::chrono::seconds ttl{300};
    int max_attempts = 5;
};

/// A stored code as verification sees it.
struct StoredCode {
    std::string hash;
    Timestamp expires_at{};
    int attempts = 0;  ///< wrong tries so far
};

enum class Verdict {
    accepted,   ///< right code, in time: spend it
    wrong,      ///< wrong code: count the try (the code dies at max_attempts)
    expired,    ///< past expires_at: ask for a new one
    exhausted,  ///< max_attempts wrong tries already: dead, even for the right code
};

/// The verdict for `presented_hash` against `stored` at `now`.
Verdict check(const StoredCode& stored, std::string_view presented_hash, Timestamp now, const CodeRules& rules);

/// How often codes may be sent.
struct SendLimits {
    std::chrono::seconds cooldown{60};  ///< between two codes to one number
    int per_phone_per_hour = 5;
    int per_ip_per_hour = 20;
};

/// What was sent recently, from the send log.
struct SendHistory {
    std::optional<Timestamp> last_to_phone;         ///< the newest send to the number, any age
    int phone_last_hour = 0;                        ///< sends to the number in the last hour
    std::optional<Timestamp> oldest_phone_in_hour;  ///< the oldest of those
    int ip_last_hour = 0;                           ///< sends from the client address in the last hour
    std::optional<Timestamp> oldest_ip_in_hour;
};

enum class SendLimit { none, cooldown, phone_hourly, ip_hourly };

struct SendDecision {
    SendLimit refused_by = SendLimit::none;  ///< none: send
    std::chrono::seconds retry_after{0};     ///< when refused: how long until it would be allowed
    int phone_remaining = 0;                 ///< sends left this hour for the number after this one
    std::chrono::seconds phone_reset{0};     ///< until the oldest send of the hour stops counting
};

/// Whether another code may go to the number from this address at `now`, and if not why and
/// for how long.
SendDecision may_send(const SendHistory& history, const SendLimits& limits, Timestamp now);

}  // namespace superapp::features::auth::otp
