#pragma once
#include <string>
#include <string_view>

namespace superapp::platform::http::middleware {

/// The client address a trusted reverse proxy reports: the last entry of X-Forwarded-For (the
/// one our proxy appended; earlier entries are the client's own claims). Falls back to the peer.
std::string forwarded_client_ip(std::string_view x_forwarded_for, std::string_view peer);

}  // namespace superapp::platform::http::middleware
