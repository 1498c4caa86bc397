#include "platform/http/beast_message.hpp"

#include <boost/url/parse.hpp>
#include <chrono>
#include <ctime>

namespace superapp::platform::http {

namespace {

// origin-form ("/path?q") as clients send it; absolute-form ("http://host/path") as RFC 9112 asks
// servers to accept too.
boost::system::result<boost::urls::url_view> parse_target(std::string_view target) {
    return target.starts_with("/") ? boost::urls::parse_origin_form(target) : boost::urls::parse_absolute_uri(target);
}

}  // namespace

std::optional<std::string> target_path(std::string_view target) {
    auto parsed = parse_target(target);
    if (!parsed) return std::nullopt;
    std::string path = parsed->path();
    if (path.empty()) path = "/";
    return path;
}

bool to_request(BeastRequest& msg, Request& req) {
    req.target = std::string(msg.target());
    auto parsed = parse_target(msg.target());
    if (!parsed) return false;
    req.path = parsed->path();
    if (req.path.empty()) req.path = "/";
    for (auto param : parsed->params()) {
        req.query.emplace_back(param.key, param.has_value ? param.value : std::string());
    }
    req.headers.clear();
    req.headers.reserve(16);
    for (const auto& field : msg) req.headers.emplace_back(field.name_string(), field.value());
    req.body = std::move(msg.body());
    return true;
}

BeastResponse to_beast_response(Response&& res, Method method, unsigned version, bool keep_alive) {
    namespace bhttp = boost::beast::http;
    BeastResponse out{static_cast<bhttp::status>(res.status), version};
    for (const auto& [name, value] : res.headers.all()) out.insert(name, value);
    out.set(bhttp::field::date, http_date_now());
    out.keep_alive(keep_alive);
    const bool bodyless = bodyless_status(res.status);
    // A streamed body's length is announced here; the server writes its bytes after the header.
    if (!bodyless) out.content_length(res.body_size());
    if (method != Method::head && !bodyless) out.body() = std::move(res.body);
    return out;
}

std::string_view http_date_now() {
    thread_local std::time_t cached_second = 0;
    thread_local char cached[32] = {};
    const std::time_t now = std::time(nullptr);
    if (now != cached_second) {
        std::tm tm{};
        gmtime_r(&now, &tm);
        std::strftime(cached, sizeof cached, "%a, %d %b %Y %H:%M:%S GMT", &tm);
        cached_second = now;
    }
    return cached;
}

}  // namespace superapp::platform::http
