#include "features/auth/jwt.hpp"

#include <jwt.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cerrno>
#include <cstdlib>
#include <memory>
#include <stdexcept>

#include "features/users/user.hpp"
#include "platform/core/base64.hpp"
#include "platform/core/object_id.hpp"

namespace superapp::features::auth::jwt {
namespace {

constexpr std::size_t kMaxTokenSize = 4096;

struct JwtFree {
    void operator()(jwt_t* token) const noexcept { jwt_free(token); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtFree>;

struct FreeString {
    void operator()(char* text) const noexcept { std::free(text); }
};

// libjwt 1.10 verifies whatever algorithm the header names and accepts "none" even when given
// a key, so the header is read here first and only HS256 goes on.
bool header_is_hs256(std::string_view token) {
    const std::size_t dot = token.find('.');
    if (dot == std::string_view::npos) return false;
    const auto header = platform::core::base64url_decode(token.substr(0, dot));
    if (!header) return false;
    boost::system::error_code ec;
    const boost::json::value json = boost::json::parse(*header, ec);
    if (ec || !json.is_object()) return false;
    const auto* alg = json.as_object().if_contains("alg");
    return alg && alg->is_string() && alg->as_string() == "HS256";
}

bool well_formed(std::string_view token) {
    if (token.empty() || token.size() > kMaxTokenSize) return false;
    int dots = 0;
    for (char c : token) {
        if (c == '.') {
            ++dots;
        } else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                     c == '_')) {
            return false;
        }
    }
    if (dots != 2) return false;
    const std::size_t first = token.find('.');
    const std::size_t second = token.find('.', first + 1);
    return first > 0 && second > first + 1 && second + 1 < token.size();
}

std::optional<std::string> string_grant(jwt_t* token, const char* name) {
    errno = 0;
    const char* value = jwt_get_grant(token, name);
    if (!value) return std::nullopt;
    return std::string(value);
}

std::optional<std::int64_t> int_grant(jwt_t* token, const char* name) {
    // libjwt reads a grant that is not a number (a string, a fraction) as some number without
    // saying so: the grant's own JSON must be an integer.
    const std::unique_ptr<char, FreeString> text(jwt_get_grants_json(token, name));
    if (!text) return std::nullopt;
    boost::system::error_code ec;
    const boost::json::value value = boost::json::parse(text.get(), ec);
    if (ec || !value.is_int64()) return std::nullopt;
    return value.get_int64();
}

}  // namespace

std::string_view to_string(Failure failure) {
    switch (failure) {
        case Failure::malformed: return "malformed";
        case Failure::algorithm: return "algorithm";
        case Failure::signature: return "signature";
        case Failure::expired: return "expired";
        case Failure::claims: return "claims";
    }
    return "unknown";
}

std::string encode(const Claims& claims, std::string_view secret) {
    jwt_t* raw = nullptr;
    if (jwt_new(&raw) != 0) throw std::runtime_error("jwt_new failed");
    JwtPtr token(raw);
    const std::string role(users::role_name(claims.role));
    if (jwt_add_grant(token.get(), "sub", claims.sub.c_str()) != 0 ||
        jwt_add_grant(token.get(), "role", role.c_str()) != 0 ||
        jwt_add_grant(token.get(), "jti", claims.jti.c_str()) != 0 ||
        jwt_add_grant(token.get(), "fid", claims.fid.c_str()) != 0 ||
        jwt_add_grant_int(token.get(), "ver", static_cast<long>(claims.ver)) != 0 ||
        jwt_add_grant_int(token.get(), "iat", static_cast<long>(claims.iat)) != 0 ||
        jwt_add_grant_int(token.get(), "exp", static_cast<long>(claims.exp)) != 0) {
        throw std::runtime_error("jwt_add_grant failed");
    }
    if (jwt_set_alg(token.get(), JWT_ALG_HS256, reinterpret_cast<const unsigned char*>(secret.data()),
                    static_cast<int>(secret.size())) != 0) {
        throw std::runtime_error("jwt_set_alg failed");
    }
    std::unique_ptr<char, FreeString> text(jwt_encode_str(token.get()));
    if (!text) throw std::runtime_error("jwt_encode_str failed");
    return std::string(text.get());
}

Verified verify(std::string_view token, std::string_view secret, std::chrono::system_clock::time_point now,
                std::chrono::seconds leeway) {
    if (!well_formed(token)) return {std::nullopt, Failure::malformed};
    if (!header_is_hs256(token)) return {std::nullopt, Failure::algorithm};

    jwt_t* raw = nullptr;
    const std::string text(token);
    if (jwt_decode(&raw, text.c_str(), reinterpret_cast<const unsigned char*>(secret.data()),
                   static_cast<int>(secret.size())) != 0) {
        if (raw) jwt_free(raw);
        return {std::nullopt, Failure::signature};
    }
    JwtPtr decoded(raw);
    if (jwt_get_alg(decoded.get()) != JWT_ALG_HS256) return {std::nullopt, Failure::algorithm};

    Claims claims;
    const auto sub = string_grant(decoded.get(), "sub");
    const auto role = string_grant(decoded.get(), "role");
    const auto jti = string_grant(decoded.get(), "jti");
    const auto fid = string_grant(decoded.get(), "fid");
    const auto ver = int_grant(decoded.get(), "ver");
    const auto iat = int_grant(decoded.get(), "iat");
    const auto exp = int_grant(decoded.get(), "exp");
    if (!sub || !role || !jti || !fid || !ver || !iat || !exp) return {std::nullopt, Failure::claims};
    const auto parsed_role = users::parse_role(*role);
    if (!platform::core::ObjectId::is_valid(*sub) || !parsed_role || jti->empty() || jti->size() > 64 || fid->empty() ||
        fid->size() > 64 || *ver < 0) {
        return {std::nullopt, Failure::claims};
    }
    const std::int64_t now_s = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    if (*iat > now_s + leeway.count() || *exp < *iat) return {std::nullopt, Failure::claims};
    if (now_s >= *exp + leeway.count()) return {std::nullopt, Failure::expired};

    claims.sub = *sub;
    claims.role = *parsed_role;
    claims.jti = *jti;
    claims.fid = *fid;
    claims.ver = *ver;
    claims.iat = *iat;
    claims.exp = *exp;
    return {std::move(claims), Failure::malformed};
}

}  // namespace superapp::features::auth::jwt
