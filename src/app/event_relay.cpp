#include "app/event_relay.hpp"

#include "app/database_task.hpp"
#include "platform/core/log.hpp"
#include "platform/realtime/pg_relay.hpp"
#include "platform/realtime/redis_relay.hpp"

namespace superapp::app {

namespace realtime = platform::realtime;

std::unique_ptr<realtime::Relay> make_relay(const platform::core::Config& config, platform::db::Database& db,
                                            boost::asio::io_context& ctx, realtime::EventBus& bus) {
    std::unique_ptr<realtime::Relay> relay;
    if (!config.redis_url.empty()) {
        relay = std::make_unique<realtime::RedisRelay>(bus, config.redis_url);
        platform::core::log::info("real-time events relayed through Redis", {{"channel", realtime::kRedisChannel}});
    } else {
        relay = std::make_unique<realtime::PgRelay>(bus, db, ctx, pool_options(config));
        platform::core::log::info("real-time events relayed through PostgreSQL LISTEN/NOTIFY",
                                  {{"channel", realtime::kPgChannel}});
    }
    bus.relay_to([r = relay.get()](std::span<const realtime::Event> events) { r->send(events); });
    return relay;
}

}  // namespace superapp::app
