#pragma once
#include <boost/asio/io_context.hpp>
#include <memory>

#include "features/auth/session_registry.hpp"
#include "platform/core/config.hpp"
#include "platform/db/database.hpp"
#include "platform/http/authenticator.hpp"
#include "platform/http/router.hpp"
#include "platform/realtime/event_bus.hpp"

namespace superapp::app {

/// The enabled features, built once per process; features.cpp is the one list of them.
class Features {
  public:
    /// Builds every feature's services. Throws ConfigError for invalid feature settings.
    Features(const platform::core::Config& config, platform::db::Database& db);
    ~Features();
    Features(const Features&) = delete;
    Features& operator=(const Features&) = delete;

    /// Registers every feature's routes under /api/v1 and its /api alias.
    void register_routes(platform::http::ApiRoutes& api);

    /// The authenticator that reads bearer tokens, or null when no feature provides one.
    platform::http::Authenticator* authenticator();

    /// The sessions ended lately (logouts, revocations, role changes), on every process. Any thread.
    features::auth::SessionRegistry& sessions();
    /// Reads the revocations that still matter into sessions(), with `db` (a start-up connection),
    /// before the server serves. Returns 0; throws DbError.
    boost::asio::awaitable<int> load_sessions(platform::db::Database& db);

    /// The bus features publish real-time events to; the relay and the Socket.IO server attach to it
    /// before the server starts.
    platform::realtime::EventBus& events();

    /// Starts the features' background jobs (expired notifications, idempotency keys and earn projects) on
    /// `ctx`, a shard. `serve` only.
    void start_jobs(boost::asio::io_context& ctx);
    /// Stops them; before the database closes. Any thread.
    void stop_jobs();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace superapp::app
