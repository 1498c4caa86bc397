#pragma once
#include <boost/asio/awaitable.hpp>
#include <optional>

#include "platform/http/request.hpp"

namespace superapp::platform::http {

/// Reads the caller's identity from a request (the auth feature implements it).
class Authenticator {
  public:
    virtual ~Authenticator() = default;
    /// The principal for a valid credential, nullopt when the request carries none.
    /// Throws ApiError 401 for a credential that is present but invalid, expired or revoked.
    virtual boost::asio::awaitable<std::optional<Principal>> authenticate(const Request& req) = 0;
};

}  // namespace superapp::platform::http
