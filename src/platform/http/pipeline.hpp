#pragma once
#include <boost/asio/awaitable.hpp>

#include "platform/http/api_error.hpp"
#include "platform/http/authenticator.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/middleware/cors.hpp"
#include "platform/http/router.hpp"

namespace superapp::platform::http {

/// The middleware chain around every route, in this order: request id, access log,
/// security headers, CORS (with preflight), body size limit (enforced while reading, see
/// reject), path and query text (404, 422: input_text.hpp), JSON content type (415), syntax (400)
/// and limits (422: json_body.hpp), authentication, the handler, ETag/304, gzip. Stateless after construction; any io thread may call it.
class Pipeline {
  public:
    /// `trust_proxy`: take the client address from X-Forwarded-For (only behind a proxy that sets it).
    Pipeline(const Router& router, middleware::Cors cors, Metrics& metrics, Authenticator* authenticator,
             bool trust_proxy = false);

    /// The response for a complete request. Never throws: failures become problem+json.
    boost::asio::awaitable<Response> handle(Request& req);

    /// The body limit of the route for this method and decoded path, when that route has its own.
    /// Any thread.
    std::optional<std::size_t> body_limit(Method method, std::string_view path) const;

    /// The body kind of the route for this method and decoded path (json when there is none). Any thread.
    BodyKind body_kind(Method method, std::string_view path) const;

    /// Why the caller may not call the route of a request whose body is not read yet (its
    /// authentication or role), or nullopt when it may or when the route is unknown (handle() says so).
    boost::asio::awaitable<std::optional<ApiError>> refusal_before_body(Request& req);

    /// The response for a request refused while it was read (413, 431, 400, 501), with the
    /// same headers, log line and metrics as any other.
    Response reject(Request& req, const ApiError& error);

    void set_authenticator(Authenticator* authenticator) { authenticator_ = authenticator; }

  private:
    void identify(Request& req) const;
    boost::asio::awaitable<Response> dispatch(Request& req);
    /// Authenticates the caller when the route needs it (or a token is sent) and checks its role;
    /// throws ApiError 401/403.
    boost::asio::awaitable<void> authorize(Request& req, const Route& route);
    void finish(Request& req, Response& res);

    const Router& router_;
    middleware::Cors cors_;
    Metrics& metrics_;
    Authenticator* authenticator_;
    bool trust_proxy_;
};

/// Whether a principal of role `have` may call a route that needs `need`.
bool role_allows(Role have, Role need);

}  // namespace superapp::platform::http
