#include "platform/http/response.hpp"

#include "platform/core/json.hpp"

namespace superapp::platform::http {

Response Response::json(const boost::json::value& value, unsigned status) {
    Response res;
    res.status = status;
    res.headers.set("Content-Type", kJsonType);
    res.body = core::serialize(value);
    return res;
}

Response Response::private_json(const boost::json::value& value, unsigned status) {
    Response res = json(value, status);
    res.headers.set("Cache-Control", "no-store");
    return res;
}

Response Response::text(std::string body, std::string_view content_type, unsigned status) {
    Response res;
    res.status = status;
    res.headers.set("Content-Type", content_type);
    res.body = std::move(body);
    return res;
}

Response Response::streamed(std::shared_ptr<const BodySource> source, std::string_view content_type, unsigned status) {
    Response res;
    res.status = status;
    res.headers.set("Content-Type", content_type);
    res.source = std::move(source);
    return res;
}

Response Response::no_content() {
    Response res;
    res.status = 204;
    return res;
}

}  // namespace superapp::platform::http
