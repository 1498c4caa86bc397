#include <cstdio>

#include "app/commands.hpp"
#include "app/database_task.hpp"
#include "features/wallet/verify.hpp"

namespace superapp::app {

int wallet_verify_command(const platform::core::Config& config) {
    return run_database_task(config,
                             [](platform::db::Database& db) { return features::wallet::verify_all(db, stdout); });
}

}  // namespace superapp::app
