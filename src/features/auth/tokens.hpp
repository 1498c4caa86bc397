#pragma once
#include <string>
#include <string_view>

// Opaque refresh tokens and token ids. Any thread.
namespace superapp::features::auth::tokens {

/// A new refresh token: 256 random bits (OpenSSL), base64url, 43 characters.
/// Throws std::runtime_error when the random source fails.
std::string new_refresh_token();
/// True when `token` has the shape new_refresh_token makes. Pure.
bool is_refresh_token(std::string_view token);
/// The stored form of a refresh token: lowercase hex SHA-256. Pure.
std::string refresh_token_hash(std::string_view token);
/// A new random id for a token or a token family: 128 bits, 32 hex characters.
std::string new_id();

}  // namespace superapp::features::auth::tokens
