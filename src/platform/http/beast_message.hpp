// Conversions between Beast messages and our Request/Response. Internal to platform/http.
#pragma once
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <optional>
#include <string>

#include "platform/http/request.hpp"
#include "platform/http/response.hpp"

namespace superapp::platform::http {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;

/// The percent-decoded path of a request target ("/" for an empty one), in origin-form or
/// absolute-form; nullopt when the target is neither.
std::optional<std::string> target_path(std::string_view target);

/// Fills `req` from a parsed message, moving the body out; header views point into `msg`.
/// Returns false when the target is not a valid origin-form or absolute-form URI.
bool to_request(BeastRequest& msg, Request& req);

/// 1xx, 204 and 304 answers carry no body (RFC 9110).
inline bool bodyless_status(unsigned status) { return status == 204 || status == 304 || status < 200; }

/// Builds the wire response. HEAD keeps the GET's Content-Length without a body. For a streamed
/// body (res.source) only the header is built, with the source's length; the caller writes the body.
BeastResponse to_beast_response(Response&& res, Method method, unsigned version, bool keep_alive);

/// The current time as an HTTP Date header value, formatted at most once a second per thread.
std::string_view http_date_now();

}  // namespace superapp::platform::http
