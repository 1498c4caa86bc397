#include "platform/realtime/server/settings.hpp"

namespace superapp::platform::realtime {

Settings load_settings(const core::Env& env, core::AppEnv app_env) {
    Settings s;
    core::EnvReader r(env);
    r.millis("SIO_PING_INTERVAL_MS", s.ping_interval, 10, 3'600'000);
    r.millis("SIO_PING_TIMEOUT_MS", s.ping_timeout, 10, 3'600'000);
    r.millis("SIO_CONNECT_TIMEOUT_MS", s.connect_timeout, 10, 3'600'000);
    r.integer("SIO_MAX_PAYLOAD", s.max_payload, 64, 100'000'000);
    r.integer("SIO_MAX_CONNECTIONS_PER_IP", s.max_connections_per_ip, 1, 10'000'000);
    r.integer("SIO_HANDSHAKE_RATE", s.handshakes_per_ip_per_second, 1, 10'000'000);
    r.integer("SIO_EVENTS_PER_SECOND", s.events_per_second, 1, 1'000'000);
    r.integer("SIO_SEND_QUEUE_BYTES", s.send_queue_limit, 1024, 1'000'000'000);
    r.flag("SOCKETIO_CONFORMANCE", s.conformance);
    if (s.conformance && app_env == core::AppEnv::production) {
        r.fail("SOCKETIO_CONFORMANCE", "is not allowed when APP_ENV=production");
    }
    r.throw_if_invalid();
    return s;
}

}  // namespace superapp::platform::realtime
