#include "app/api_docs.hpp"

#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "platform/core/log.hpp"
#include "platform/http/api_error.hpp"

namespace superapp::app {

namespace asio = boost::asio;
using platform::http::ApiError;
using platform::http::Method;
using platform::http::Request;
using platform::http::Response;
using platform::http::Role;

namespace {

constexpr std::string_view kDocsPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'";

constexpr std::string_view kIndexHtml = R"(<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>superapp API</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
)";

constexpr std::string_view kInitJs =
    "window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.yaml', dom_id: '#swagger-ui', deepLinking: true });\n";

struct Asset {
    std::string content_type;
    std::string body;
};

struct SwaggerAssets {
    std::map<std::string, Asset, std::less<>> files;
};

std::optional<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::shared_ptr<const SwaggerAssets> load_assets(const std::string& dir) {
    auto assets = std::make_shared<SwaggerAssets>();
    const std::pair<const char*, const char*> wanted[] = {{"swagger-ui.css", "text/css; charset=utf-8"},
                                                          {"swagger-ui-bundle.js", "text/javascript; charset=utf-8"},
                                                          {"favicon-32x32.png", "image/png"}};
    for (const auto& [name, type] : wanted) {
        auto body = read_file(dir + "/" + name);
        if (!body) {
            platform::core::log::warn("Swagger UI files not found; /docs is unavailable",
                                      {{"dir", dir}, {"missing", name}});
            return nullptr;
        }
        assets->files[name] = Asset{type, std::move(*body)};
    }
    assets->files["index.html"] = Asset{"text/html; charset=utf-8", std::string(kIndexHtml)};
    assets->files["init.js"] = Asset{"text/javascript; charset=utf-8", std::string(kInitJs)};
    return assets;
}

asio::awaitable<Response> serve_openapi(Request&) {
    Response res = Response::text(std::string(openapi_yaml()), "application/yaml; charset=utf-8");
    res.headers.set("Cache-Control", "public, max-age=60");
    co_return res;
}

asio::awaitable<Response> serve_asset(std::shared_ptr<const SwaggerAssets> assets, std::string_view name) {
    if (!assets) {
        throw ApiError(503, "DOCS_UNAVAILABLE", "Swagger UI is not installed; run scripts/setup");
    }
    auto it = assets->files.find(name);
    if (it == assets->files.end()) throw ApiError::not_found("no such documentation file");
    Response res = Response::text(it->second.body, it->second.content_type);
    res.headers.set("Content-Security-Policy", kDocsPolicy);
    res.headers.set("Cache-Control", "public, max-age=3600");
    co_return res;
}

}  // namespace

void register_api_docs_routes(platform::http::Router& router, const std::string& swagger_ui_dir) {
    std::shared_ptr<const SwaggerAssets> assets = load_assets(swagger_ui_dir);
    platform::http::ApiRoutes(router).get("/openapi.yaml", Role::anyone, serve_openapi);
    router.add(Method::get, "/docs", Role::anyone, [assets](Request&) { return serve_asset(assets, "index.html"); });
    router.add(Method::get, "/docs/:file", Role::anyone,
               [assets](Request& req) { return serve_asset(assets, req.param("file")); });
}

}  // namespace superapp::app
