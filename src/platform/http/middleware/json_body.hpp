#pragma once
#include <cstddef>

#include "platform/http/request.hpp"

namespace superapp::platform::http::middleware {

/// The deepest nesting of objects and arrays a JSON body may have (`{}` is one level).
inline constexpr std::size_t kMaxJsonDepth = 32;
/// The most members one object of a JSON body may have.
inline constexpr std::size_t kMaxJsonMembers = 1000;

/// For a request that carries a body to a JSON route: 415 unless Content-Type is
/// application/json (or +json), 400 naming line and column when the JSON is malformed (invalid
/// UTF-8 and lone surrogates included), 422 VALIDATION_FAILED naming the JSON path when the body
/// nests deeper than kMaxJsonDepth, has an object of more than kMaxJsonMembers members, or holds
/// NUL (\u0000) in a string or member name; these are found while parsing, in time linear in the
/// body. On success fills req.json. Requests without a body are left alone. Throws ApiError.
void parse_json_body(Request& req);

}  // namespace superapp::platform::http::middleware
