#pragma once
#include "features/auth/service.hpp"
#include "platform/http/authenticator.hpp"

namespace superapp::features::auth {

/// Reads `Authorization: Bearer <access token>`: a valid, unexpired, unrevoked HS256 JWT gives
/// the principal (user id, role and jti from the token).
class BearerAuthenticator final : public platform::http::Authenticator {
  public:
    explicit BearerAuthenticator(AuthService& auth) : auth_(auth) {}

    /// nullopt without an Authorization header; throws ApiError 401 for any other scheme or a
    /// bad token. Shard thread.
    boost::asio::awaitable<std::optional<platform::http::Principal>> authenticate(
        const platform::http::Request& req) override;

  private:
    AuthService& auth_;
};

}  // namespace superapp::features::auth
