#pragma once
// `superapp wallet verify`: proves that every wallet's figures are what its ledger says.
#include <boost/asio/awaitable.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "features/wallet/repository.hpp"
#include "platform/db/database.hpp"

namespace superapp::features::wallet {

/// One line per way the wallet disagrees with its ledger (figures, row count, the last row's
/// balanceAfter, a break in the balanceBefore/balanceAfter chain); none when they agree. Pure.
std::vector<std::string> mismatches(const LedgerCheck& check);

/// Checks every wallet in one snapshot, writes each mismatch and then a summary line to `out`;
/// returns 0 when all agree, 1 otherwise. Shard thread; throws DbError.
boost::asio::awaitable<int> verify_all(platform::db::Database& db, std::FILE* out);

}  // namespace superapp::features::wallet
