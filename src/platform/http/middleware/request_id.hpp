#pragma once
#include <string>
#include <string_view>

namespace superapp::platform::http::middleware {

/// The incoming X-Request-Id when it is sane (1-128 of [A-Za-z0-9._:-]), else a new unique id.
std::string request_id_for(std::string_view incoming);

}  // namespace superapp::platform::http::middleware
