#pragma once
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>

namespace superapp::features::auth {

/// A code that could not be delivered.
class SmsError : public std::runtime_error {
  public:
    enum class Kind {
        unavailable,  ///< the gateway could not be reached or did not answer in time (-> 503)
        rejected,     ///< the gateway answered with an error status (-> 502)
    };
    SmsError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    Kind kind() const noexcept { return kind_; }

  private:
    Kind kind_;
};

/// Delivers login codes by SMS.
class SmsSender {
  public:
    virtual ~SmsSender() = default;
    /// Sends `code` to `e164`, saying it expires after `ttl`. Throws SmsError when it was not
    /// delivered. Shard thread; never blocks it.
    virtual boost::asio::awaitable<void> send_code(const std::string& e164, const std::string& code,
                                                   std::chrono::seconds ttl) = 0;
};

/// Development: writes the code to the server log (message "otp code") instead of sending it.
std::unique_ptr<SmsSender> make_log_sender();

/// POSTs {"to","message","code"} as JSON to `url` with the header `X-Api-Key: api_key`, through
/// libcurl on the blocking pool. A 2xx answer is success. Call once at start (it initialises
/// libcurl).
std::unique_ptr<SmsSender> make_http_sender(std::string url, std::string api_key, std::chrono::milliseconds timeout);

}  // namespace superapp::features::auth
