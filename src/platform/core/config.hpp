#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "platform/core/env.hpp"
#include "platform/core/log.hpp"

namespace superapp::platform::core {

enum class AppEnv { development, test, production };

/// The JWT secret used when none is configured; production refuses it.
inline constexpr std::string_view kDevelopmentJwtSecret = "development-only-secret-change-me-0123456789";

/// Every setting of the process, read once at start. Each field's default is safe for local use.
struct Config {
    AppEnv app_env = AppEnv::development;
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;
    std::string database_url = "postgresql://postgres@127.0.0.1:5432/superapp";
    int db_pool_max = 16;
    std::string redis_url;  ///< empty: no Redis
    std::string jwt_secret = std::string(kDevelopmentJwtSecret);
    std::vector<std::string> cors_origins;  ///< exact origins, or "*" alone
    log::Level log_level = log::Level::info;
    int io_threads = 1;
    std::size_t max_body_bytes = 1024 * 1024;
    std::size_t max_header_bytes = 16 * 1024;
    std::chrono::milliseconds request_timeout{10'000};  ///< to read one whole request once it starts
    std::chrono::milliseconds idle_timeout{60'000};     ///< keep-alive wait for the next request
    std::chrono::milliseconds upload_timeout{600'000};  ///< to read a body streamed to disk (video uploads)
    std::chrono::milliseconds shutdown_grace{10'000};
    std::chrono::milliseconds db_query_timeout{5'000};
    std::chrono::milliseconds db_connect_timeout{3'000};
    int max_connections = 10'000;
    bool migrate_on_start = false;
    std::string swagger_ui_dir = "node_modules/swagger-ui-dist";
    bool trust_proxy = false;        ///< take the client address from X-Forwarded-For (behind nginx only)
    std::string metrics_token;       ///< non-empty: GET /metrics asks for `Authorization: Bearer <it>`
    std::string metrics_host;        ///< the METRICS_PORT listener's address (default: loopback)
    std::uint16_t metrics_port = 0;  ///< non-zero: /metrics is served on this port alone, not on PORT
    Env env;                         ///< the variables this was read from, for features' own settings
};

/// Thrown when the environment holds invalid settings; the message names every bad variable.
class ConfigError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Reads typed settings from an Env, collecting every problem; features use it for their own
/// settings so that all configuration errors read alike.
class EnvReader {
  public:
    explicit EnvReader(const Env& env);

    /// Sets `out` when the variable is set; records an error unless it is an integer in [min, max].
    void integer(const char* name, long long& out, long long min, long long max);
    template <class Int>
    void integer(const char* name, Int& out, long long min, long long max) {
        long long value = static_cast<long long>(out);
        integer(name, value, min, max);
        out = static_cast<Int>(value);
    }
    void millis(const char* name, std::chrono::milliseconds& out, long long min, long long max);
    /// 1/true/yes or 0/false/no.
    void flag(const char* name, bool& out);
    void string(const char* name, std::string& out);
    /// Records an error for `name`.
    void fail(const char* name, const std::string& why);
    bool has(const char* name) const;
    /// Throws ConfigError naming every variable that failed.
    void throw_if_invalid() const;

  private:
    const Env& env_;
    std::string errors_;
};

/// Builds the configuration from the environment. Throws ConfigError listing each invalid
/// variable and why, including unsafe settings under APP_ENV=production.
Config load_config(const Env& env);

/// "a, b,,c" -> {"a", "b", "c"}: a comma-separated setting, items trimmed, empty ones dropped.
std::vector<std::string> split_list(std::string_view text);

/// The URL with any password replaced by "***", for logs and error messages.
std::string redact_url(std::string_view url);

}  // namespace superapp::platform::core
