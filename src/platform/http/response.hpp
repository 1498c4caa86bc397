#pragma once
#include <boost/json/fwd.hpp>
#include <string>

#include "platform/http/headers.hpp"

namespace superapp::platform::http {

inline constexpr std::string_view kJsonType = "application/json; charset=utf-8";
inline constexpr std::string_view kProblemType = "application/problem+json";

/// One HTTP response before it is written: status, headers, a complete body.
struct Response {
    unsigned status = 200;
    Headers headers;
    std::string body;

    /// A JSON response; money and other doubles are written without exponents.
    static Response json(const boost::json::value& value, unsigned status = 200);
    /// A JSON response that is the caller's own and must not be stored by any cache (Cache-Control: no-store).
    static Response private_json(const boost::json::value& value, unsigned status = 200);
    /// A response with the given type and body.
    static Response text(std::string body, std::string_view content_type, unsigned status = 200);
    /// 204 No Content.
    static Response no_content();
};

}  // namespace superapp::platform::http
