#pragma once
// The framing rules of RFC 9112 that Beast does not hold a request to, checked on the raw bytes of
// its header: a request whose body length two readers could disagree on (a proxy in front and this
// server) is refused before any of its body is read, so that its body can never run as a request.
#include <optional>
#include <string_view>

#include "platform/http/api_error.hpp"

namespace superapp::platform::http {

/// The length of the header block at the start of `bytes` (request line, fields and the empty line
/// that ends them), or 0 when `bytes` does not hold a whole one yet. Pure.
std::size_t header_block_size(std::string_view bytes);

/// Why the header block `header` (as header_block_size found it) does not frame its request
/// unambiguously, as a 400 naming the header field; nullopt when it does. Refused: a bare CR or LF,
/// a control character in a field, obs-fold, whitespace before a colon; Transfer-Encoding on
/// HTTP/1.0, beside Content-Length, or other than exactly `chunked`; a Content-Length that is not one
/// decimal number in one field; on HTTP/1.1 no Host, several, or one that is not host[:port]. Pure.
std::optional<ApiError> framing_error(std::string_view header);

}  // namespace superapp::platform::http
