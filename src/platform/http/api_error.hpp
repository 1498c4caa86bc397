#pragma once
#include <stdexcept>
#include <string>
#include <vector>

#include "platform/core/field_error.hpp"

namespace superapp::platform::http {

/// An expected failure a handler or service reports to the client; the pipeline's one catch
/// turns it into application/problem+json (RFC 9457).
class ApiError : public std::runtime_error {
  public:
    ApiError(unsigned status, std::string code, std::string message, std::vector<core::FieldError> details = {})
        : std::runtime_error(message), status_(status), code_(std::move(code)), details_(std::move(details)) {}

    unsigned status() const noexcept { return status_; }
    const std::string& code() const noexcept { return code_; }
    const std::vector<core::FieldError>& details() const noexcept { return details_; }

    static ApiError bad_request(std::string message, std::string code = "BAD_REQUEST") {
        return {400, std::move(code), std::move(message)};
    }
    static ApiError unauthorized(std::string message = "authentication required", std::string code = "UNAUTHORIZED") {
        return {401, std::move(code), std::move(message)};
    }
    static ApiError forbidden(std::string message = "not allowed", std::string code = "FORBIDDEN") {
        return {403, std::move(code), std::move(message)};
    }
    static ApiError not_found(std::string message = "not found", std::string code = "NOT_FOUND") {
        return {404, std::move(code), std::move(message)};
    }
    static ApiError conflict(std::string message, std::string code = "CONFLICT",
                             std::vector<core::FieldError> details = {}) {
        return {409, std::move(code), std::move(message), std::move(details)};
    }
    static ApiError invalid_field(std::string field, std::string message) {
        return {422, "VALIDATION_FAILED", "1 field is invalid", {{std::move(field), std::move(message)}}};
    }

  private:
    unsigned status_;
    std::string code_;
    std::vector<core::FieldError> details_;
};

}  // namespace superapp::platform::http
