#include "platform/http/middleware/json_body.hpp"

#include <boost/json/parser.hpp>

#include "platform/http/api_error.hpp"
#include "platform/http/headers.hpp"

namespace superapp::platform::http::middleware {
namespace {

bool is_json_type(std::string_view content_type) {
    const std::string_view media = content_type.substr(0, content_type.find(';'));
    std::string_view trimmed = media;
    while (!trimmed.empty() && trimmed.back() == ' ') trimmed.remove_suffix(1);
    return iequals(trimmed, "application/json") ||
           (trimmed.size() > 5 && iequals(trimmed.substr(trimmed.size() - 5), "+json"));
}

std::string position_of(std::string_view text, std::size_t offset) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

}  // namespace

void parse_json_body(Request& req) {
    if (req.body.empty()) return;
    if (!is_json_type(req.header("Content-Type"))) {
        throw ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "request body must be application/json");
    }
    boost::json::parse_options options;
    options.max_depth = 64;
    boost::json::parser parser({}, options);
    boost::system::error_code ec;
    // write() wants one complete JSON text: incomplete input or extra data is an error, and the
    // count it returns is where parsing stopped.
    const std::size_t consumed = parser.write(req.body.data(), req.body.size(), ec);
    if (ec) {
        throw ApiError(400, "MALFORMED_JSON",
                       "request body is not valid JSON at " + position_of(req.body, consumed) + ": " + ec.message());
    }
    req.json = parser.release();
}

}  // namespace superapp::platform::http::middleware
