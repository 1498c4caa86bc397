#pragma once
#include <string>

#include "platform/http/router.hpp"

namespace superapp::app {

/// The OpenAPI document compiled into the binary (docs/openapi.yaml).
std::string_view openapi_yaml();

/// GET /api/v1/openapi.yaml (and the /api alias) and Swagger UI at /docs. Swagger UI's files are
/// read once, here, from `swagger_ui_dir` (the swagger-ui-dist npm package); when they are
/// missing, /docs answers 503 saying how to install them.
void register_api_docs_routes(platform::http::Router& router, const std::string& swagger_ui_dir);

}  // namespace superapp::app
