#pragma once
#include <string>
#include <string_view>

// Opaque refresh tokens and token ids. Any thread.
namespace superapp::features::auth::tokens {

/// A new refresh token: 256 random bits (OpenSSL), base64url, 43 characters.
/// Throws std::runtime_error when the random source fails.
std::string new_refresh_token();
/// The refresh token that replaces `presented` when it is spent: HMAC-SHA256 under `secret` of
/// "refresh-successor:" and the token, base64url (the shape new_refresh_token makes). The same token
/// always has the same successor, so a client that spends one twice within the grace window gets
/// one successor, never two. Pure; throws std::runtime_error when OpenSSL fails.
std::string successor_refresh_token(std::string_view secret, std::string_view presented);
/// True when `token` has the shape new_refresh_token makes. Pure.
bool is_refresh_token(std::string_view token);
/// The stored form of a refresh token: lowercase hex SHA-256. Pure.
std::string refresh_token_hash(std::string_view token);
/// A new random id for a token or a token family: 128 bits, 32 hex characters.
std::string new_id();

}  // namespace superapp::features::auth::tokens
