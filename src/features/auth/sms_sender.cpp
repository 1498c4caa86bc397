#include "features/auth/sms_sender.hpp"

#include <curl/curl.h>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "platform/core/blocking.hpp"
#include "platform/core/log.hpp"

namespace superapp::features::auth {

namespace asio = boost::asio;
namespace log = platform::core::log;

namespace {

std::string message_for(const std::string& code, std::chrono::seconds ttl) {
    const auto minutes = (ttl.count() + 59) / 60;
    return code + " is your superapp login code. It expires in " + std::to_string(minutes) +
           (minutes == 1 ? " minute" : " minutes") + ". Do not share it with anyone.";
}

class LogSender final : public SmsSender {
  public:
    asio::awaitable<void> send_code(const std::string& e164, const std::string& code,
                                    std::chrono::seconds ttl) override {
        log::info("otp code", {{"phoneNumber", e164},
                               {"otp", code},
                               {"expiresIn", ttl.count()},
                               {"note", "OTP_PROVIDER=log: not sent; development only"}});
        co_return;
    }
};

std::size_t discard_body(char*, std::size_t size, std::size_t count, void*) { return size * count; }

struct CurlSlist {
    curl_slist* list = nullptr;
    ~CurlSlist() { curl_slist_free_all(list); }
};

// Blocking: runs on the blocking pool only.
void post_json(const std::string& url, const std::string& api_key, std::chrono::milliseconds timeout,
               const std::string& body) {
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) throw SmsError(SmsError::Kind::unavailable, "curl_easy_init failed");
    CurlSlist headers;
    headers.list = curl_slist_append(headers.list, "Content-Type: application/json");
    const std::string key_header = "X-Api-Key: " + api_key;
    if (!api_key.empty()) headers.list = curl_slist_append(headers.list, key_header.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers.list);
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
    curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout.count()));
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, discard_body);
    const CURLcode rc = curl_easy_perform(curl.get());
    if (rc != CURLE_OK) throw SmsError(SmsError::Kind::unavailable, curl_easy_strerror(rc));
    long status = 0;
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status > 299) {
        throw SmsError(SmsError::Kind::rejected, "the SMS gateway answered " + std::to_string(status));
    }
}

class HttpSender final : public SmsSender {
  public:
    HttpSender(std::string url, std::string api_key, std::chrono::milliseconds timeout)
        : url_(std::move(url)), api_key_(std::move(api_key)), timeout_(timeout) {}

    asio::awaitable<void> send_code(const std::string& e164, const std::string& code,
                                    std::chrono::seconds ttl) override {
        const std::string body = boost::json::serialize(
            boost::json::object{{"to", e164}, {"message", message_for(code, ttl)}, {"code", code}});
        // Captures by reference only: GCC 12 double-destroys a by-value capture of a lambda
        // temporary in a co_await expression. `body` lives in this frame until the call returns.
        co_await platform::core::run_blocking([this, &body]() { post_json(url_, api_key_, timeout_, body); });
    }

  private:
    std::string url_;
    std::string api_key_;
    std::chrono::milliseconds timeout_;
};

}  // namespace

std::unique_ptr<SmsSender> make_log_sender() { return std::make_unique<LogSender>(); }

std::unique_ptr<SmsSender> make_http_sender(std::string url, std::string api_key, std::chrono::milliseconds timeout) {
    static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    if (!initialised) throw std::runtime_error("curl_global_init failed");
    return std::make_unique<HttpSender>(std::move(url), std::move(api_key), timeout);
}

}  // namespace superapp::features::auth
