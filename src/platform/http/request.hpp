#pragma once
#include <boost/json/value.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/core/temp_file.hpp"
#include "platform/http/method.hpp"

namespace superapp::platform::http {

struct Route;

/// Who is calling, once the auth middleware has read a valid token.
struct Principal {
    std::string user_id;
    Role role = Role::user;
    std::string token_id;              ///< the access token's jti
    std::string family_id;             ///< the login (refresh family) the token belongs to
    std::int64_t session_version = 0;  ///< the user's session version the token carries
    std::int64_t expires_at = 0;       ///< the token's exp, Unix seconds
};

using NameValues = std::vector<std::pair<std::string, std::string>>;

/// One HTTP request as handlers see it. Header views point into the connection's
/// parsed message, which outlives the request.
struct Request {
    Method method = Method::get;
    std::string target;  ///< as received: path and query
    std::string path;    ///< percent-decoded path, no query
    NameValues query;    ///< decoded query parameters in order
    NameValues params;   ///< path parameters from the route pattern
    std::vector<std::pair<std::string_view, std::string_view>> headers;
    std::string body;
    /// The body of a BodyKind::file route, on disk (body is then empty). Release it on the blocking
    /// pool: its destructor removes the file.
    std::shared_ptr<core::TempFile> body_file;
    boost::json::value json;  ///< the parsed body when it is JSON, else null
    std::string request_id;
    std::string client_ip;
    std::optional<Principal> principal;
    const Route* route = nullptr;
    std::chrono::steady_clock::time_point received_at;

    /// The first header of that name (case-insensitive), or "".
    std::string_view header(std::string_view name) const;
    /// A path parameter by name, or "" when the route has none of that name.
    std::string_view param(std::string_view name) const;
    /// The first query parameter of that name, or nullopt.
    std::optional<std::string_view> query_value(std::string_view name) const;
};

}  // namespace superapp::platform::http
