#include "platform/http/method.hpp"

#include <array>

namespace superapp::platform::http {
namespace {
constexpr std::array<std::string_view, kMethodCount> kNames = {"GET",   "HEAD",   "POST",   "PUT",
                                                               "PATCH", "DELETE", "OPTIONS"};
}

std::optional<Method> parse_method(std::string_view name) {
    for (int i = 0; i < kMethodCount; ++i) {
        if (kNames[i] == name) return static_cast<Method>(i);
    }
    return std::nullopt;
}

std::string_view method_name(Method method) { return kNames[static_cast<int>(method)]; }

}  // namespace superapp::platform::http
