#pragma once
#include "platform/http/request.hpp"
#include "platform/http/response.hpp"

namespace superapp::platform::http::middleware {

/// Compresses a response body over 1 KiB with gzip when the client's Accept-Encoding allows it
/// and the type is worth compressing; sets Content-Encoding and Vary.
void gzip_if_accepted(const Request& req, Response& res);

/// Whether an Accept-Encoding value accepts gzip (honours q=0 and "*").
bool accepts_gzip(std::string_view accept_encoding);

}  // namespace superapp::platform::http::middleware
