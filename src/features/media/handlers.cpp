#include "features/media/handlers.hpp"

#include "platform/http/api_error.hpp"
#include "platform/http/problem.hpp"

namespace superapp::features::media {

namespace asio = boost::asio;
using platform::http::ApiError;
using platform::http::RangeRequest;
using platform::http::Request;
using platform::http::Response;

namespace {

asio::awaitable<Response> serve_upload(MediaService& media, Request& req) {
    const std::string name(req.param("file"));
    if (!MediaService::is_stored_name(name)) throw ApiError::not_found("no such file");
    const std::string etag = MediaService::etag_of(name);
    // If-Range: the range holds only for the version the client has (here: the same name).
    const std::string_view if_range = req.header("If-Range");
    const std::string range = if_range.empty() || if_range == etag ? std::string(req.header("Range")) : std::string();

    auto file = co_await media.read(name, range);
    if (!file) throw ApiError::not_found("no such file");

    Response res;
    if (file->range.kind == RangeRequest::Kind::unsatisfiable) {
        res = platform::http::problem_response(
            ApiError(416, "RANGE_NOT_SATISFIABLE", "the range starts past the end of the file"), req.request_id);
    } else {
        res = Response::streamed(std::move(file->body), file->content_type,
                                 file->range.kind == RangeRequest::Kind::partial ? 206 : 200);
        res.headers.set("Cache-Control", "public, max-age=31536000, immutable");
        res.headers.set("ETag", etag);
        res.headers.set("Cross-Origin-Resource-Policy", "cross-origin");
    }
    res.headers.set("Accept-Ranges", "bytes");
    if (file->range.kind != RangeRequest::Kind::whole) {
        res.headers.set("Content-Range", platform::http::content_range(file->range, file->size));
    }
    co_return res;
}

}  // namespace

platform::http::Handler handle_serve_upload(MediaService& media) {
    return [&media](Request& req) { return serve_upload(media, req); };
}

}  // namespace superapp::features::media
