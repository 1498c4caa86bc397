#pragma once
#include <chrono>
#include <string>

#include "platform/http/api_error.hpp"
#include "platform/http/headers.hpp"

namespace superapp::platform::http {

/// What the RateLimit-* headers of a limited route's answer say (../shared/API.md).
struct RateLimit {
    int limit = 0;                  ///< requests allowed in the window
    int remaining = 0;              ///< of them, left now
    std::chrono::seconds reset{0};  ///< until the window has room again (0: it has now)
};

/// Sets RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset.
void set_rate_limit_headers(Headers& headers, const RateLimit& rate);

/// 429 RATE_LIMITED. Its problem answer (problem_from_exception) also carries Retry-After and the
/// RateLimit-* headers.
class RateLimited : public ApiError {
  public:
    RateLimited(std::string message, std::chrono::seconds retry_after, RateLimit rate)
        : ApiError(429, "RATE_LIMITED", std::move(message)), retry_after_(retry_after), rate_(rate) {}
    std::chrono::seconds retry_after() const noexcept { return retry_after_; }
    const RateLimit& rate() const noexcept { return rate_; }

  private:
    std::chrono::seconds retry_after_;
    RateLimit rate_;
};

}  // namespace superapp::platform::http
