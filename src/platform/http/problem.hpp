#pragma once
#include <cstddef>
#include <exception>
#include <string_view>

#include "platform/http/response.hpp"

namespace superapp::platform::http {

class ApiError;

/// The standard reason phrase for a status ("Unprocessable Entity"); "Unknown" when unlisted.
std::string_view status_title(unsigned status);

/// How many field errors a problem lists; the rest are counted in `omittedErrors`.
inline constexpr std::size_t kMaxListedFieldErrors = 50;

/// An RFC 9457 problem+json response for an ApiError, carrying `code`, `errors` (at most
/// kMaxListedFieldErrors, then `omittedErrors`: how many more) and `requestId`.
Response problem_response(const ApiError& error, std::string_view request_id);

/// Turns whatever a handler threw into a problem response. Expected failures keep their status;
/// anything unexpected becomes a generic 500 and its detail goes to the log only. Never throws.
Response problem_from_exception(std::exception_ptr error, std::string_view request_id);

}  // namespace superapp::platform::http
