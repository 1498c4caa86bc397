#include <cstdio>

#include "app/commands.hpp"
#include "app/database_task.hpp"
#include "features/auth/phone.hpp"
#include "features/auth/settings.hpp"
#include "features/users/service.hpp"
#include "platform/db/migrations.hpp"

namespace superapp::app {

namespace asio = boost::asio;
namespace users = features::users;

namespace {

asio::awaitable<int> grant(platform::db::Database& db, std::string e164, users::Role role, std::string country_code) {
    const auto status = co_await platform::db::migrations::status(db);
    if (!status.pending.empty()) {
        std::fprintf(stderr, "superapp admin: %zu pending migration(s): run 'superapp migrate' first\n",
                     status.pending.size());
        co_return 1;
    }
    users::UsersService service(db, country_code);
    users::Account account = co_await service.find_or_create_by_phone(e164, role);
    const bool created = account.is_new;
    if (account.role != role) account = co_await service.set_role(account.id, role);
    const auto name = users::role_name(role);
    std::printf("%s is now %.*s (user %s%s)\n", e164.c_str(), static_cast<int>(name.size()), name.data(),
                account.id.c_str(), created ? ", created; it logs in with this number" : "");
    co_return 0;
}

}  // namespace

int admin_grant_command(const platform::core::Config& config, const std::string& phone, const std::string& role_name) {
    features::auth::Settings settings;
    try {
        settings = features::auth::load_settings(config);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "superapp: %s\n", e.what());
        return 1;
    }
    const auto e164 = features::auth::normalize_phone(phone, settings.default_country_code);
    if (!e164) {
        std::fprintf(stderr, "superapp admin grant: '%s' is not a mobile number (e.g. +91 98765 43210)\n",
                     phone.c_str());
        return 2;
    }
    const auto role = users::parse_role(role_name);
    if (!role) {
        std::fprintf(stderr, "superapp admin grant: --role must be user, merchant or admin\n");
        return 2;
    }
    const std::string country_code = settings.default_country_code;
    return run_database_task(config, [e164 = *e164, role = *role, country_code](platform::db::Database& db) {
        return grant(db, e164, role, country_code);
    });
}

}  // namespace superapp::app
