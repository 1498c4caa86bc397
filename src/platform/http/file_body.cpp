#include "platform/http/file_body.hpp"

#include "platform/core/blocking.hpp"
#include "platform/http/api_error.hpp"

namespace superapp::platform::http {

namespace asio = boost::asio;

asio::awaitable<multipart::SpooledForm> split_file_body(Request& req, std::filesystem::path dir,
                                                        multipart::Limits limits) {
    const std::string content_type(req.header("Content-Type"));
    co_return co_await core::run_blocking([&req, &content_type, &dir, &limits] {
        const std::shared_ptr<core::TempFile> body = std::move(req.body_file);
        if (!body) throw ApiError::bad_request("the request has no body");
        return multipart::split_form_data(content_type, *body, dir, limits);
    });
}

asio::awaitable<void> load_file_body(Request& req, std::size_t max_bytes) {
    req.body = co_await core::run_blocking([&req, max_bytes] {
        const std::shared_ptr<core::TempFile> body = std::move(req.body_file);
        if (!body) return std::string();
        if (body->size() > max_bytes) {
            throw ApiError(413, "PAYLOAD_TOO_LARGE", "request body is larger than the limit");
        }
        return body->read(0, body->size());
    });
}

}  // namespace superapp::platform::http
