#pragma once
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "platform/core/config.hpp"

namespace superapp::platform::realtime {

/// The Socket.IO server's settings (defaults as the Node server's where it has them).
struct Settings {
    std::chrono::milliseconds ping_interval{25'000};    ///< SIO_PING_INTERVAL_MS
    std::chrono::milliseconds ping_timeout{20'000};     ///< SIO_PING_TIMEOUT_MS
    std::chrono::milliseconds connect_timeout{45'000};  ///< SIO_CONNECT_TIMEOUT_MS: until a namespace CONNECT
    std::size_t max_payload = 1'000'000;                ///< SIO_MAX_PAYLOAD: bytes per POST body or frame
    int max_connections_per_ip = 100;                   ///< SIO_MAX_CONNECTIONS_PER_IP
    int handshakes_per_ip_per_second = 20;              ///< SIO_HANDSHAKE_RATE: a burst of twice that is allowed
    int events_per_second = 30;  ///< SIO_EVENTS_PER_SECOND per connection: bursts of twice that (event_rate.hpp)
    std::size_t send_queue_limit = 4'000'000;  ///< SIO_SEND_QUEUE_BYTES: a client that lets more pile up is closed
    bool conformance = false;                  ///< SOCKETIO_CONFORMANCE
    bool trust_proxy = false;  ///< the client address comes from X-Forwarded-For (the server's TRUST_PROXY)
    std::vector<std::string> cors_origins;  ///< where a browser app may poll from (the server's CORS_ORIGINS)
};

/// Reads the SIO_* variables and SOCKETIO_CONFORMANCE (trust_proxy and cors_origins are the caller's to set). Throws
/// core::ConfigError naming each bad one, and refuses SOCKETIO_CONFORMANCE=1 when APP_ENV=production.
Settings load_settings(const core::Env& env, core::AppEnv app_env);

}  // namespace superapp::platform::realtime
