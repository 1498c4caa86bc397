#include "platform/http/middleware/cors.hpp"

#include <algorithm>

#include "platform/http/api_error.hpp"

namespace superapp::platform::http::middleware {

bool Cors::allows(std::string_view origin) const {
    if (origin.empty()) return false;
    return std::any_of(origins_.begin(), origins_.end(), [&](const std::string& o) { return o == "*" || o == origin; });
}

std::optional<Response> Cors::preflight(const Request& req) const {
    if (req.method != Method::options) return std::nullopt;
    const std::string_view origin = req.header("Origin");
    const std::string_view requested = req.header("Access-Control-Request-Method");
    if (origin.empty() || requested.empty()) return std::nullopt;
    if (!allows(origin)) throw ApiError::forbidden("origin is not allowed", "CORS_ORIGIN_REFUSED");

    // Access-Control-Allow-Origin is added by apply(), which the pipeline runs on every response.
    Response res = Response::no_content();
    res.headers.set("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
    const std::string_view asked_headers = req.header("Access-Control-Request-Headers");
    res.headers.set("Access-Control-Allow-Headers", asked_headers.empty()
                                                        ? "Authorization, Content-Type, Idempotency-Key, X-Request-Id"
                                                        : asked_headers);
    res.headers.set("Access-Control-Max-Age", "600");
    res.headers.add("Vary", "Access-Control-Request-Method, Access-Control-Request-Headers");
    return res;
}

void Cors::apply(const Request& req, Response& res) const {
    const std::string_view origin = req.header("Origin");
    if (!allows(origin)) return;
    res.headers.set("Access-Control-Allow-Origin", origin);
    res.headers.add("Vary", "Origin");
    res.headers.set("Access-Control-Expose-Headers",
                    "X-Request-Id, ETag, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, "
                    "Idempotent-Replayed");
}

}  // namespace superapp::platform::http::middleware
