#pragma once
#include <optional>
#include <string>
#include <vector>

#include "platform/http/request.hpp"
#include "platform/http/response.hpp"

namespace superapp::platform::http::middleware {

/// CORS as configured by CORS_ORIGINS: exact origins, or "*" for any.
class Cors {
  public:
    explicit Cors(std::vector<std::string> origins) : origins_(std::move(origins)) {}

    /// A preflight (OPTIONS with Origin and Access-Control-Request-Method) is answered here: 204 with
    /// the allowed methods and headers for an allowed origin (apply() adds the origin), 403 problem
    /// for a refused one.
    /// Returns nullopt for any other request.
    std::optional<Response> preflight(const Request& req) const;
    /// Adds Access-Control-Allow-Origin (and Vary: Origin) to a response for an allowed origin.
    void apply(const Request& req, Response& res) const;
    bool allows(std::string_view origin) const;

  private:
    std::vector<std::string> origins_;
};

}  // namespace superapp::platform::http::middleware
