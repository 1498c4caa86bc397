#pragma once
#include <chrono>

#include "platform/http/request.hpp"
#include "platform/http/response.hpp"

namespace superapp::platform::http::middleware {

/// One JSON log line per request: method, path, status, bytes, microseconds, request id, user id.
void write_access_log(const Request& req, const Response& res, std::chrono::microseconds elapsed);

}  // namespace superapp::platform::http::middleware
