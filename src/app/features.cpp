#include "app/features.hpp"

#include "features/media/routes.hpp"

namespace superapp::app {

// Each feature adds its services here as members, built in dependency order.
struct Features::Impl {
    const platform::core::Config& config;
    platform::db::Database& db;
    features::media::MediaService media{features::media::load_settings(config.env)};
};

Features::Features(const platform::core::Config& config, platform::db::Database& db)
    : impl_(std::make_unique<Impl>(Impl{config, db})) {}

Features::~Features() = default;

void Features::register_routes(platform::http::ApiRoutes& api) {
    // each feature's register_routes(api, ...) is called here
    features::media::register_routes(api.root(), impl_->media);
}

platform::http::Authenticator* Features::authenticator() { return nullptr; }

}  // namespace superapp::app
