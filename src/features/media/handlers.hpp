#pragma once
#include "features/media/service.hpp"
#include "platform/http/router.hpp"

namespace superapp::features::media {

/// GET /uploads/:file: the file with its type, cached for a year (names never change
/// content), with byte ranges (206/416); 404 for any name this service did not make.
platform::http::Handler handle_serve_upload(MediaService& media);

}  // namespace superapp::features::media
