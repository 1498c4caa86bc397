#include "platform/core/config.hpp"

#include <charconv>
#include <thread>

namespace superapp::platform::core {
namespace {

bool valid_origin(std::string_view origin) {
    if (origin == "*") return true;
    const bool scheme = origin.starts_with("http://") || origin.starts_with("https://");
    return scheme && origin.back() != '/' && origin.find(' ') == std::string_view::npos;
}

// Sent in an Authorization header, so visible ASCII; long enough not to be guessed.
bool valid_metrics_token(std::string_view token) {
    if (token.size() < 16 || token.size() > 256) return false;
    for (const char c : token) {
        if (c < 0x21 || c > 0x7e) return false;
    }
    return true;
}

}  // namespace

EnvReader::EnvReader(const Env& env) : env_(env) {}

void EnvReader::integer(const char* name, long long& out, long long min, long long max) {
    auto value = env_.get(name);
    if (!value) return;
    long long parsed = 0;
    auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), parsed);
    if (ec != std::errc{} || end != value->data() + value->size() || parsed < min || parsed > max) {
        fail(name, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
        return;
    }
    out = parsed;
}

void EnvReader::millis(const char* name, std::chrono::milliseconds& out, long long min, long long max) {
    long long ms = out.count();
    integer(name, ms, min, max);
    out = std::chrono::milliseconds(ms);
}

void EnvReader::flag(const char* name, bool& out) {
    auto value = env_.get(name);
    if (!value) return;
    if (*value == "1" || *value == "true" || *value == "yes")
        out = true;
    else if (*value == "0" || *value == "false" || *value == "no")
        out = false;
    else
        fail(name, "must be 1 or 0 (true or false)");
}

void EnvReader::string(const char* name, std::string& out) {
    if (auto value = env_.get(name)) out = *value;
}

void EnvReader::fail(const char* name, const std::string& why) { errors_ += std::string("\n  ") + name + ": " + why; }

bool EnvReader::has(const char* name) const { return env_.get(name).has_value(); }

void EnvReader::throw_if_invalid() const {
    if (!errors_.empty()) throw ConfigError("invalid configuration:" + errors_);
}

std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> out;
    while (!text.empty()) {
        const std::size_t comma = text.find(',');
        std::string_view item = text.substr(0, comma);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (!item.empty()) out.emplace_back(item);
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    return out;
}

Config load_config(const Env& env) {
    Config c;
    c.io_threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    EnvReader r(env);

    if (auto value = env.get("APP_ENV")) {
        if (*value == "development")
            c.app_env = AppEnv::development;
        else if (*value == "test")
            c.app_env = AppEnv::test;
        else if (*value == "production")
            c.app_env = AppEnv::production;
        else
            r.fail("APP_ENV", "must be development, test or production");
    }
    r.string("HOST", c.host);
    r.integer("PORT", c.port, 0, 65535);
    r.string("DATABASE_URL", c.database_url);
    if (!c.database_url.starts_with("postgresql://") && !c.database_url.starts_with("postgres://")) {
        r.fail("DATABASE_URL", "must be a postgresql:// URL");
    }
    r.integer("DB_POOL_MAX", c.db_pool_max, 1, 1000);
    r.string("REDIS_URL", c.redis_url);
    if (!c.redis_url.empty() && !c.redis_url.starts_with("redis://")) r.fail("REDIS_URL", "must be a redis:// URL");
    r.string("JWT_SECRET", c.jwt_secret);
    if (c.jwt_secret.size() < 32) r.fail("JWT_SECRET", "must be at least 32 characters");
    if (auto value = env.get("CORS_ORIGINS")) {
        c.cors_origins = split_list(*value);
        for (const auto& origin : c.cors_origins) {
            if (!valid_origin(origin)) {
                r.fail("CORS_ORIGINS", "'" + origin + "' is not an origin like https://app.example.com or *");
            }
        }
        if (c.cors_origins.size() > 1 &&
            std::find(c.cors_origins.begin(), c.cors_origins.end(), "*") != c.cors_origins.end()) {
            r.fail("CORS_ORIGINS", "* must stand alone");
        }
    }
    if (auto value = env.get("LOG_LEVEL"); value && !log::parse_level(*value, c.log_level)) {
        r.fail("LOG_LEVEL", "must be debug, info, warn or error");
    }
    r.integer("IO_THREADS", c.io_threads, 1, 256);
    r.integer("MAX_BODY_BYTES", c.max_body_bytes, 1024, 1LL << 30);
    r.millis("REQUEST_TIMEOUT_MS", c.request_timeout, 100, 600'000);
    r.millis("IDLE_TIMEOUT_MS", c.idle_timeout, 100, 3'600'000);
    r.millis("UPLOAD_TIMEOUT_MS", c.upload_timeout, 1'000, 3'600'000);
    r.millis("SHUTDOWN_GRACE_MS", c.shutdown_grace, 0, 600'000);
    r.millis("DB_QUERY_TIMEOUT_MS", c.db_query_timeout, 10, 600'000);
    r.millis("DB_CONNECT_TIMEOUT_MS", c.db_connect_timeout, 100, 60'000);
    r.integer("MAX_CONNECTIONS", c.max_connections, 1, 1'000'000);
    r.flag("MIGRATE_ON_START", c.migrate_on_start);
    r.flag("TRUST_PROXY", c.trust_proxy);
    r.string("SWAGGER_UI_DIR", c.swagger_ui_dir);
    r.string("METRICS_TOKEN", c.metrics_token);
    if (r.has("METRICS_TOKEN") && !valid_metrics_token(c.metrics_token)) {
        r.fail("METRICS_TOKEN", "must be 16 to 256 visible ASCII characters");
    }
    // Loopback unless said otherwise: a separate metrics port is no protection if it listens wherever the
    // API does (HOST=0.0.0.0 behind a balancer).
    c.metrics_host = "127.0.0.1";
    r.string("METRICS_HOST", c.metrics_host);
    r.integer("METRICS_PORT", c.metrics_port, 1, 65535);

    if (c.app_env == AppEnv::production) {
        if (!r.has("JWT_SECRET") || c.jwt_secret == kDevelopmentJwtSecret) {
            r.fail("JWT_SECRET", "must be set to a secret of your own when APP_ENV=production");
        }
        if (std::find(c.cors_origins.begin(), c.cors_origins.end(), "*") != c.cors_origins.end()) {
            r.fail("CORS_ORIGINS", "* is not allowed when APP_ENV=production");
        }
        if (c.metrics_token.empty() && c.metrics_port == 0) {
            r.fail("METRICS_TOKEN",
                   "or METRICS_PORT must be set when APP_ENV=production (/metrics is public otherwise)");
        }
    }
    r.throw_if_invalid();
    c.env = env;
    return c;
}

std::string redact_url(std::string_view url) {
    const std::size_t scheme = url.find("://");
    const std::size_t at = url.find('@');
    if (scheme == std::string_view::npos || at == std::string_view::npos || at < scheme) return std::string(url);
    const std::size_t colon = url.find(':', scheme + 3);
    if (colon == std::string_view::npos || colon > at) return std::string(url);
    return std::string(url.substr(0, colon + 1)) + "***" + std::string(url.substr(at));
}

}  // namespace superapp::platform::core
