#include "app/features.hpp"

namespace superapp::app {

// Each feature adds its services here as members, built in dependency order.
struct Features::Impl {
    const platform::core::Config& config;
    platform::db::Database& db;
};

Features::Features(const platform::core::Config& config, platform::db::Database& db)
    : impl_(std::make_unique<Impl>(Impl{config, db})) {}

Features::~Features() = default;

void Features::register_routes(platform::http::ApiRoutes& api) {
    (void)api;  // each feature's register_routes(api, ...) is called here
}

platform::http::Authenticator* Features::authenticator() { return nullptr; }

}  // namespace superapp::app
