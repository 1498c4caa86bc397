#pragma once
#include <array>
#include <boost/asio/awaitable.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/http/method.hpp"
#include "platform/http/request.hpp"
#include "platform/http/response.hpp"

namespace superapp::platform::http {

/// A handler is a plain function from request to response. Write it as a named coroutine
/// (a capturing coroutine lambda is miscompiled by GCC 12); a capturing, non-coroutine lambda
/// that returns the named coroutine's awaitable is fine.
using Handler = std::function<boost::asio::awaitable<Response>(Request&)>;

/// What a route accepts as a request body: JSON, any bytes in memory (Request::body), or any bytes
/// streamed to a temporary file (Request::body_file) under the server's upload deadline, for
/// bodies too large to hold in memory.
enum class BodyKind { json, raw, file };

/// Who reads a request's Authorization header: the pipeline's authenticator (an access token), or the
/// route's handler (a credential of its own, such as the /metrics token), which the pipeline leaves
/// alone; such a route is Role::anyone and its requests get no principal.
enum class AuthorizationBy { authenticator, handler };

struct Route {
    Method method;
    std::string pattern;  ///< the full pattern, e.g. "/api/v1/stores/:id"; the metrics label
    Role role;
    Handler handler;
    BodyKind body = BodyKind::json;
    std::optional<std::size_t> max_body_bytes;  ///< this route's request body limit; unset: the server's
    AuthorizationBy authorization = AuthorizationBy::authenticator;
};

struct RouteMatch {
    const Route* route = nullptr;  ///< null: no route for this method
    NameValues params;             ///< filled when route is set
    std::vector<Method> allowed;   ///< when the path exists under other methods (405)
};

/// Method + path patterns with `:params`. A static segment wins over a parameter at every
/// level, with backtracking: "/stores/nearby" beats "/stores/:id", yet "/stores/nearby/x"
/// still reaches "/stores/:id/x" if that is the only match. Build before serving, then read-only.
class Router {
  public:
    Router();
    ~Router();
    Router(const Router&) = delete;
    Router& operator=(const Router&) = delete;

    /// Adds a route. Throws std::logic_error on a duplicate or a malformed pattern (a startup bug).
    void add(Method method, std::string_view pattern, Role role, Handler handler, BodyKind body = BodyKind::json,
             std::optional<std::size_t> max_body_bytes = std::nullopt,
             AuthorizationBy authorization = AuthorizationBy::authenticator);

    /// Finds the route for a decoded path. HEAD falls back to GET.
    RouteMatch match(Method method, std::string_view path) const;

    /// Every route, in registration order.
    const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

    struct Node;  ///< a trie node; opaque outside router.cpp

  private:
    std::unique_ptr<Node> root_;
    std::vector<std::unique_ptr<Route>> routes_;
};

/// Registers a feature's routes under "/api/v1" and under the "/api" alias.
/// Feature routes.cpp files read like a table: `api.get("/cart", Role::user, handle_get_cart(cart));`
class ApiRoutes {
  public:
    explicit ApiRoutes(Router& router) : router_(router) {}

    void get(std::string_view path, Role role, Handler h) { add(Method::get, path, role, std::move(h)); }
    /// `max_body_bytes`: a body limit of the route's own (uploads), instead of the server's MAX_BODY_BYTES.
    void post(std::string_view path, Role role, Handler h, BodyKind body = BodyKind::json,
              std::optional<std::size_t> max_body_bytes = std::nullopt) {
        add(Method::post, path, role, std::move(h), body, max_body_bytes);
    }
    void put(std::string_view path, Role role, Handler h) { add(Method::put, path, role, std::move(h)); }
    void patch(std::string_view path, Role role, Handler h) { add(Method::patch, path, role, std::move(h)); }
    void del(std::string_view path, Role role, Handler h) { add(Method::del, path, role, std::move(h)); }

    void add(Method method, std::string_view path, Role role, Handler h, BodyKind body = BodyKind::json,
             std::optional<std::size_t> max_body_bytes = std::nullopt);

    /// The router itself, for the few routes that live outside /api (e.g. /uploads).
    Router& root() const { return router_; }

  private:
    Router& router_;
};

inline constexpr std::string_view kApiPrefix = "/api/v1";
inline constexpr std::string_view kApiAlias = "/api";

}  // namespace superapp::platform::http
