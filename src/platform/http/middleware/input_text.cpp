#include "platform/http/middleware/input_text.hpp"

#include "platform/core/utf8.hpp"
#include "platform/http/api_error.hpp"

namespace superapp::platform::http::middleware {
namespace {

// A name fit to show in an error: as sent when it is text, else with every control or non-ASCII
// byte percent-encoded (the client sent it encoded so).
std::string shown(std::string_view name) {
    if (core::is_storable_text(name)) return std::string(name);
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7F || c == '%') {
            out += '%';
            out += kHex[u >> 4];
            out += kHex[u & 0xF];
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

void check_input_text(const Request& req) {
    if (!core::is_storable_text(req.path)) throw ApiError::not_found("no resource at this path");
    for (const auto& [name, value] : req.query) {
        if (!core::is_storable_text(name)) {
            throw ApiError::invalid_field(shown(name),
                                          "is not a valid parameter name: it must be UTF-8 text without NUL");
        }
        if (!core::is_storable_text(value))
            throw ApiError::invalid_field(name, "must be valid UTF-8 text without NUL (%00)");
    }
}

}  // namespace superapp::platform::http::middleware
