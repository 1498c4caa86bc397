#include "app/features.hpp"

#include "features/users/service.hpp"

namespace superapp::app {

// Each feature adds its services here as members, built in dependency order.
struct Features::Impl {
    const platform::core::Config& config;
    platform::db::Database& db;
    features::users::UsersService users;

    Impl(const platform::core::Config& config, platform::db::Database& db) : config(config), db(db), users(db) {}
};

Features::Features(const platform::core::Config& config, platform::db::Database& db)
    : impl_(std::make_unique<Impl>(config, db)) {}

Features::~Features() = default;

void Features::register_routes(platform::http::ApiRoutes& api) {
    (void)api;  // each feature's register_routes(api, ...) is called here
}

platform::http::Authenticator* Features::authenticator() { return nullptr; }

}  // namespace superapp::app
