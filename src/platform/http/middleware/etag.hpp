#pragma once
#include <string>
#include <string_view>

#include "platform/http/request.hpp"
#include "platform/http/response.hpp"

namespace superapp::platform::http::middleware {

/// Returns the weak ETag (W/"<16 hex>") this middleware gives a body; for a handler that caches its
/// reply with the tag. Any thread.
std::string weak_etag(std::string_view body);

/// Gives a successful GET/HEAD response a weak ETag of its body unless the handler set an ETag
/// (weak or strong), and turns it into 304 Not Modified when If-None-Match names that tag
/// (weak comparison). Run before compression.
void apply_etag(const Request& req, Response& res);

}  // namespace superapp::platform::http::middleware
