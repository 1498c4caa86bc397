#pragma once
#include "platform/http/request.hpp"
#include "platform/http/response.hpp"

namespace superapp::platform::http::middleware {

/// Gives a successful GET/HEAD response a weak ETag of its body unless the handler set an ETag
/// (weak or strong), and turns it into 304 Not Modified when If-None-Match names that tag
/// (weak comparison). Run before compression.
void apply_etag(const Request& req, Response& res);

}  // namespace superapp::platform::http::middleware
