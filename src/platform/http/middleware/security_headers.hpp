#pragma once
#include "platform/http/request.hpp"
#include "platform/http/response.hpp"

namespace superapp::platform::http::middleware {

/// Adds the headers helmet sets for an API: nosniff, DENY framing, no referrer, a restrictive
/// CSP (relaxed only for the /docs page), a same-origin resource policy (unless the handler set
/// one: public uploads), and HSTS when the request came through TLS.
void apply_security_headers(const Request& req, Response& res);

}  // namespace superapp::platform::http::middleware
