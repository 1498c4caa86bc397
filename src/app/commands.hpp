#pragma once
#include <string>

#include "app/demo_data.hpp"
#include "platform/core/config.hpp"

namespace superapp::app {

/// `superapp serve`: serves HTTP until SIGTERM/SIGINT, then drains. Returns the exit code.
int serve_command(const platform::core::Config& config);
/// `superapp migrate [--status]`: applies pending migrations, or lists them.
int migrate_command(const platform::core::Config& config, bool status_only);
/// `superapp seed [--if-empty] [--seed N] [--scale small|N]`: loads every feature's demo data.
int seed_command(const platform::core::Config& config, bool if_empty, SeedOptions options);
/// `superapp admin grant --phone <number> --role <role>`: gives the user of that number the role,
/// creating the user when the number has none (so the first admin can log in).
int admin_grant_command(const platform::core::Config& config, const std::string& phone, const std::string& role);
/// `superapp wallet verify`: compares every wallet with its ledger; exit 0 when all agree, 1 otherwise.
int wallet_verify_command(const platform::core::Config& config);
/// `superapp routes`: prints every registered route, one "METHOD /pattern role" a line.
int routes_command(const platform::core::Config& config);

}  // namespace superapp::app
