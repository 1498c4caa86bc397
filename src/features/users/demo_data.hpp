#pragma once
#include <boost/asio/awaitable.hpp>
#include <string_view>

#include "platform/db/database.hpp"

// Demo users for `superapp seed`. Their numbers are the test numbers scripts/run configures
// (OTP_TEST_NUMBERS, code 123456), so each can log in without an SMS.
namespace superapp::features::users::demo {

inline constexpr std::string_view kAdminId = "64b7f0a1c2d3e4f5a6b7c801";     ///< +919999900001, admin
inline constexpr std::string_view kMerchantId = "64b7f0a1c2d3e4f5a6b7c802";  ///< +919999900002, merchant
inline constexpr std::string_view kUserId = "64b7f0a1c2d3e4f5a6b7c803";      ///< +919999900003, user

/// Whether any user exists. Shard thread; throws DbError.
boost::asio::awaitable<bool> has_data(platform::db::Database& db);
/// Inserts the demo users that are not there yet; returns how many. Shard thread; throws DbError.
boost::asio::awaitable<long> load(platform::db::Database& db);

}  // namespace superapp::features::users::demo
