#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/http/method.hpp"

// Access tokens: HS256 JWTs through libjwt with the algorithm pinned. Pure; any thread.
namespace superapp::features::auth::jwt {

/// What an access token says.
struct Claims {
    std::string sub;  ///< the user id
    platform::http::Role role = platform::http::Role::user;
    std::string jti;       ///< this token's id
    std::string fid;       ///< the refresh family (the login) it was issued in: logout revokes it
    std::int64_t ver = 0;  ///< the user's session version when issued: a higher one makes it stale
    std::int64_t iat = 0;  ///< Unix seconds
    std::int64_t exp = 0;  ///< Unix seconds
};

/// Why a token was refused.
enum class Failure {
    malformed,  ///< not three base64url parts with JSON header and payload
    algorithm,  ///< a header alg other than HS256 (including "none")
    signature,  ///< the HMAC does not match the secret
    expired,    ///< exp (plus leeway) has passed
    claims,     ///< sub, role, jti, fid, ver, iat or exp missing or wrong (iat in the future included)
};

/// "malformed", "algorithm", ... for logs.
std::string_view to_string(Failure failure);

/// The compact HS256 token for `claims`. Throws std::runtime_error when libjwt fails.
std::string encode(const Claims& claims, std::string_view secret);

struct Verified {
    std::optional<Claims> claims;  ///< set when the token is valid
    Failure failure = Failure::malformed;
};

/// Checks a compact token: header alg exactly HS256, signature under `secret`, the claims
/// present and well formed, `exp` not before `now` - leeway and `iat` not after `now` + leeway.
Verified verify(std::string_view token, std::string_view secret, std::chrono::system_clock::time_point now,
                std::chrono::seconds leeway);

}  // namespace superapp::features::auth::jwt
