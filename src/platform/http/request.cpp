#include "platform/http/request.hpp"

#include "platform/http/headers.hpp"

namespace superapp::platform::http {

std::string_view Request::header(std::string_view name) const {
    for (const auto& [n, v] : headers) {
        if (iequals(n, name)) return v;
    }
    return {};
}

std::string_view Request::param(std::string_view name) const {
    for (const auto& [n, v] : params) {
        if (n == name) return v;
    }
    return {};
}

std::optional<std::string_view> Request::query_value(std::string_view name) const {
    for (const auto& [n, v] : query) {
        if (n == name) return std::string_view(v);
    }
    return std::nullopt;
}

}  // namespace superapp::platform::http
