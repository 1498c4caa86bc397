#include "features/auth/authenticator.hpp"

#include "platform/http/headers.hpp"

namespace superapp::features::auth {

namespace asio = boost::asio;
using platform::http::ApiError;
using platform::http::Principal;

asio::awaitable<std::optional<Principal>> BearerAuthenticator::authenticate(const platform::http::Request& req) {
    std::string_view value = req.header("Authorization");
    if (value.empty()) co_return std::nullopt;
    constexpr std::string_view kScheme = "Bearer ";
    if (value.size() <= kScheme.size() || !platform::http::iequals(value.substr(0, kScheme.size()), kScheme)) {
        throw ApiError(401, "TOKEN_INVALID", "send the access token as Authorization: Bearer <token>");
    }
    value.remove_prefix(kScheme.size());
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    co_return co_await auth_.authenticate(value);
}

}  // namespace superapp::features::auth
