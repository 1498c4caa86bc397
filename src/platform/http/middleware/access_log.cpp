#include "platform/http/middleware/access_log.hpp"

#include "platform/core/log.hpp"

namespace superapp::platform::http::middleware {

void write_access_log(const Request& req, const Response& res, std::chrono::microseconds elapsed) {
    if (!core::log::enabled(core::log::Level::info)) return;
    boost::json::object fields{
        {"method", method_name(req.method)},
        {"path", req.path},
        {"status", res.status},
        {"bytes", res.body_size()},
        {"us", elapsed.count()},
        {"requestId", req.request_id},
        {"ip", req.client_ip},
    };
    if (req.principal) fields["userId"] = req.principal->user_id;
    core::log::info("request", std::move(fields));
}

}  // namespace superapp::platform::http::middleware
