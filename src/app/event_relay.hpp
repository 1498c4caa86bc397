#pragma once
#include <boost/asio/io_context.hpp>
#include <memory>

#include "platform/core/config.hpp"
#include "platform/db/database.hpp"
#include "platform/realtime/event_bus.hpp"
#include "platform/realtime/relay.hpp"

namespace superapp::app {

/// Builds the relay that carries `bus`'s events to the other `serve` processes and connects the bus to
/// it: Redis pub/sub when REDIS_URL is set, else PostgreSQL LISTEN/NOTIFY on `db`'s database, run on
/// `ctx` (a shard). Not started. Throws std::invalid_argument on a malformed REDIS_URL or conninfo.
std::unique_ptr<platform::realtime::Relay> make_relay(const platform::core::Config& config, platform::db::Database& db,
                                                      boost::asio::io_context& ctx, platform::realtime::EventBus& bus);

}  // namespace superapp::app
