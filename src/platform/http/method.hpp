#pragma once
#include <optional>
#include <string_view>

namespace superapp::platform::http {

enum class Method { get, head, post, put, patch, del, options };
inline constexpr int kMethodCount = 7;

/// "GET" -> Method::get; nullopt for methods the server does not serve.
std::optional<Method> parse_method(std::string_view name);
/// Method::del -> "DELETE".
std::string_view method_name(Method method);

/// Who may call a route. Each role includes the ones before it: admin may do what a merchant may.
enum class Role { anyone, user, merchant, admin };

}  // namespace superapp::platform::http
