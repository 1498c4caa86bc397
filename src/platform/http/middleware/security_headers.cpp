#include "platform/http/middleware/security_headers.hpp"

namespace superapp::platform::http::middleware {

void apply_security_headers(const Request& req, Response& res) {
    res.headers.set("X-Content-Type-Options", "nosniff");
    res.headers.set("X-Frame-Options", "DENY");
    res.headers.set("Referrer-Policy", "no-referrer");
    // Public files (uploads) may be embedded by any origin; a handler says so by setting its own.
    if (!res.headers.has("Cross-Origin-Resource-Policy"))
        res.headers.set("Cross-Origin-Resource-Policy", "same-origin");
    res.headers.set("X-DNS-Prefetch-Control", "off");
    if (!res.headers.has("Content-Security-Policy")) {
        res.headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    }
    // Only a TLS-terminating proxy in front of us can say the client used https.
    if (iequals(req.header("X-Forwarded-Proto"), "https")) {
        res.headers.set("Strict-Transport-Security", "max-age=15552000; includeSubDomains");
    }
}

}  // namespace superapp::platform::http::middleware
