#include "app/features.hpp"

#include "features/auth/authenticator.hpp"
#include "features/auth/repository.hpp"
#include "features/auth/routes.hpp"
#include "features/auth/service.hpp"
#include "features/auth/settings.hpp"
#include "features/cart/routes.hpp"
#include "features/cart/service.hpp"
#include "features/cart/settings.hpp"
#include "features/catalog/routes.hpp"
#include "features/catalog/service.hpp"
#include "features/earn/expiry_job.hpp"
#include "features/earn/routes.hpp"
#include "features/earn/service.hpp"
#include "features/homepage/routes.hpp"
#include "features/homepage/service.hpp"
#include "features/media/routes.hpp"
#include "features/notifications/expiry_job.hpp"
#include "features/notifications/routes.hpp"
#include "features/notifications/service.hpp"
#include "features/orders/routes.hpp"
#include "features/orders/service.hpp"
#include "features/payments/gateway.hpp"
#include "features/payments/routes.hpp"
#include "features/payments/service.hpp"
#include "features/users/routes.hpp"
#include "features/users/service.hpp"
#include "features/videos/routes.hpp"
#include "features/videos/service.hpp"
#include "features/videos/trending_job.hpp"
#include "features/wallet/input.hpp"
#include "features/wallet/routes.hpp"
#include "features/wallet/service.hpp"
#include "platform/core/periodic_job.hpp"
#include "platform/http/idempotency.hpp"
#include "platform/http/write_limits.hpp"
#include "platform/realtime/event_bus.hpp"
#include "platform/redis/client.hpp"

namespace superapp::app {

namespace {

std::unique_ptr<features::auth::SmsSender> sms_sender(const features::auth::Settings& s) {
    if (s.otp_provider == features::auth::OtpProvider::http) {
        return features::auth::make_http_sender(s.sms_gateway_url, s.sms_api_key, s.sms_timeout);
    }
    return features::auth::make_log_sender();
}

// How far back each poll of session_revocations reads: rows commit up to a few seconds after the
// time they carry (a transaction's start), so a window longer than any transaction misses none.
constexpr std::chrono::seconds kSessionSyncWindow{30};

// How long a request may wait for Redis's copy of a cached part before building it itself.
constexpr std::chrono::milliseconds kRedisTimeout{250};

std::unique_ptr<platform::redis::Client> redis_client(const platform::core::Config& config) {
    if (config.redis_url.empty()) return nullptr;
    return std::make_unique<platform::redis::Client>(platform::redis::parse_redis_url(config.redis_url), kRedisTimeout,
                                                     "superapp-cache");
}

}  // namespace

// Each feature adds its services here as members, built in dependency order.
struct Features::Impl {
    const platform::core::Config& config;
    platform::db::Database& db;
    platform::realtime::EventBus events;             // features publish here after commit
    std::unique_ptr<platform::redis::Client> redis;  // null without REDIS_URL
    platform::http::WriteLimits write_limits;       // the rate limits of the writes a person makes
    features::media::MediaService media;
    features::auth::Settings auth_settings;
    features::users::UsersService users;
    features::auth::AuthService auth;
    platform::core::PeriodicJob session_sync;  // the safety net under the relay for revocations
    features::auth::BearerAuthenticator authenticator;
    features::catalog::CatalogService catalog;
    features::wallet::WalletService wallet;
    platform::core::PeriodicJob cashback_release;  // held cashback becomes spendable when due
    features::users::ProfileService profiles;
    features::notifications::NotificationsService notifications;
    platform::core::PeriodicJob notification_expiry;
    std::unique_ptr<platform::core::PeriodicJob> idempotency_purge;
    features::cart::CartService cart;
    platform::core::PeriodicJob cart_expiry;
    std::unique_ptr<features::payments::PaymentGateway> gateway;
    features::orders::OrdersService orders;
    platform::core::PeriodicJob unpaid_order_expiry;
    features::payments::PaymentsService payments;
    features::earn::EarnService earn;
    platform::core::PeriodicJob earn_expiry;
    features::videos::VideosService videos;
    platform::core::PeriodicJob video_trending;
    features::homepage::HomepageService homepage;

    Impl(const platform::core::Config& config, platform::db::Database& db)
        : config(config),
          db(db),
          redis(redis_client(config)),
          write_limits(platform::http::load_write_limit_settings(config.env), redis.get()),
          media(features::media::load_settings(config.env)),
          auth_settings(features::auth::load_settings(config)),
          users(db, auth_settings.default_country_code),
          auth(auth_settings, db, users, sms_sender(auth_settings), events),
          session_sync("session revocations", std::chrono::seconds(1),
                       [&a = auth]() { return a.sync_revocations(kSessionSyncWindow); }),
          authenticator(auth),
          catalog(db, media, events, features::catalog::load_offer_limits(config.env)),
          wallet(db, events, users, features::wallet::load_settings(config.env)),
          cashback_release("cashback release", wallet.settings().release_interval,
                           [&w = wallet]() { return w.release_due_holds(); }),
          profiles(db, media, catalog, wallet),
          notifications(db, users, events, features::notifications::load_settings(config.env)),
          notification_expiry(
              features::notifications::expiry_job(notifications, notifications.settings().sweep_interval)),
          idempotency_purge(platform::http::make_idempotency_purge_job(db, config.env)),
          cart(db, features::cart::load_settings(config.env)),
          cart_expiry("cart expiry", cart.settings().sweep_interval, [&c = cart]() { return c.remove_expired(); }),
          gateway(features::payments::make_gateway(config)),
          orders(db, cart, notifications, *gateway, events, features::orders::load_policy(config.env)),
          unpaid_order_expiry("unpaid order expiry", features::orders::load_sweep_interval(config.env),
                              [&o = orders]() { return o.expire_unpaid(); }),
          payments(db, *gateway, orders),
          earn(db, users, catalog, media, notifications, events, features::earn::load_settings(config.env)),
          earn_expiry(features::earn::expiry_job(earn)),
          videos(db, catalog, media, events, features::videos::load_settings(config.env)),
          video_trending(features::videos::trending_job(videos)),
          homepage(db, events, catalog, orders, earn, users, redis.get(),
                   features::homepage::load_settings(config.env)) {
        // Orders move stock in their own transactions and report each move with this event, here or
        // from another process (features/orders/order_json.cpp); the catalog's kept replies show stock.
        // Logouts, refresh-token reuse and role changes of other processes end tokens here too.
        events.subscribe([&a = auth](const platform::realtime::Event& e) {
            if (auto r = features::auth::parse_revocation_event(e)) a.sessions().apply(*r, platform::core::now());
        });
        events.subscribe([&c = catalog](const platform::realtime::Event& e) {
            if (e.name == "order_status_update") c.stock_moved();
        });
    }
};

Features::Features(const platform::core::Config& config, platform::db::Database& db)
    : impl_(std::make_unique<Impl>(config, db)) {}

Features::~Features() = default;

void Features::register_routes(platform::http::ApiRoutes& api) {
    features::auth::register_routes(api, impl_->auth, impl_->users);
    features::users::register_routes(api, impl_->profiles, impl_->write_limits);
    features::catalog::register_routes(api, impl_->catalog, impl_->write_limits);
    features::notifications::register_routes(api, impl_->notifications);
    features::wallet::register_routes(api, impl_->wallet, impl_->db, impl_->write_limits);
    features::cart::register_routes(api, impl_->cart, impl_->write_limits);
    features::orders::register_routes(api, impl_->orders, impl_->db, impl_->write_limits);
    features::payments::register_routes(api, impl_->payments);
    features::earn::register_routes(api, impl_->earn, impl_->write_limits);
    features::videos::register_routes(api, impl_->videos, impl_->write_limits);
    features::homepage::register_routes(api, impl_->homepage);
    features::media::register_routes(api.root(), impl_->media);
}

void Features::start_jobs(boost::asio::io_context& ctx) {
    impl_->session_sync.start(ctx);
    impl_->notification_expiry.start(ctx);
    impl_->cashback_release.start(ctx);
    impl_->idempotency_purge->start(ctx);
    impl_->cart_expiry.start(ctx);
    impl_->unpaid_order_expiry.start(ctx);
    impl_->earn_expiry.start(ctx);
    impl_->video_trending.start(ctx);
}

void Features::stop_jobs() {
    impl_->session_sync.stop();
    impl_->notification_expiry.stop();
    impl_->cashback_release.stop();
    impl_->idempotency_purge->stop();
    impl_->cart_expiry.stop();
    impl_->unpaid_order_expiry.stop();
    impl_->earn_expiry.stop();
    impl_->video_trending.stop();
}

platform::realtime::EventBus& Features::events() { return impl_->events; }

platform::http::Authenticator* Features::authenticator() { return &impl_->authenticator; }

features::auth::SessionRegistry& Features::sessions() { return impl_->auth.sessions(); }

boost::asio::awaitable<int> Features::load_sessions(platform::db::Database& db) {
    // Everything that still matters, before the first request is served.
    const auto now = platform::core::now();
    auto& registry = impl_->auth.sessions();
    const auto recent = co_await features::auth::repository::recent_revocations(db, registry.keep());
    for (const auto& r : recent) registry.apply(r, now);
    co_return 0;
}

}  // namespace superapp::app
