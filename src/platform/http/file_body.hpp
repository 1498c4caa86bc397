#pragma once
#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <filesystem>

#include "platform/http/multipart_files.hpp"
#include "platform/http/request.hpp"

namespace superapp::platform::http {

/// The form a BodyKind::file request carries, split into `dir` (multipart::split_form_data) on the
/// blocking pool, where the body is also released (removed). Throws ApiError 415 for a body that is
/// not multipart/form-data, as split_form_data otherwise. The calling io thread resumes.
boost::asio::awaitable<multipart::SpooledForm> split_file_body(Request& req, std::filesystem::path dir,
                                                               multipart::Limits limits);

/// Reads a BodyKind::file request's body into req.body (for a JSON one) on the blocking pool,
/// releasing the file there. Throws ApiError 413 past `max_bytes`.
boost::asio::awaitable<void> load_file_body(Request& req, std::size_t max_bytes);

}  // namespace superapp::platform::http
