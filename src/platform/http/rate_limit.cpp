#include "platform/http/rate_limit.hpp"

namespace superapp::platform::http {

void set_rate_limit_headers(Headers& headers, const RateLimit& rate) {
    headers.set("RateLimit-Limit", std::to_string(rate.limit));
    headers.set("RateLimit-Remaining", std::to_string(rate.remaining));
    headers.set("RateLimit-Reset", std::to_string(rate.reset.count()));
}

}  // namespace superapp::platform::http
