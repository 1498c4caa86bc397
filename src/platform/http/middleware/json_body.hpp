#pragma once
#include "platform/http/request.hpp"

namespace superapp::platform::http::middleware {

/// For a request that carries a body to a JSON route: 415 unless Content-Type is
/// application/json (or +json), 400 naming line and column when the JSON is malformed;
/// on success fills req.json. Requests without a body are left alone. Throws ApiError.
void parse_json_body(Request& req);

}  // namespace superapp::platform::http::middleware
