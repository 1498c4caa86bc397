#pragma once
#include "platform/http/request.hpp"

namespace superapp::platform::http::middleware {

/// Refuses text that is neither valid UTF-8 nor free of NUL where it enters, before any handler
/// (or PostgreSQL, which stores neither) sees it: a percent-decoded path is 404 (no resource is
/// named so), a query parameter name or value is 422 VALIDATION_FAILED naming the parameter. JSON
/// strings are checked while the body is parsed (json_body.hpp). Linear in the target. Throws ApiError.
void check_input_text(const Request& req);

}  // namespace superapp::platform::http::middleware
