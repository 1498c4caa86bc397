#pragma once
// What the users feature needs from features that own other data. Each interface is implemented
// by the feature that owns the data (the catalog's categories, the wallet's ledger);
// app/features.cpp passes the implementations in.
#include <boost/asio/awaitable.hpp>
#include <string>
#include <vector>

#include "platform/core/money.hpp"

namespace superapp::features::users {

/// Tells which category ids name a category (for preferences.categories). The catalog feature
/// implements it.
class CategoryDirectory {
  public:
    virtual ~CategoryDirectory() = default;
    /// The ids among `ids` (24-hex ObjectIds) that name no category, in the order given.
    /// Shard thread; may throw DbError.
    virtual boost::asio::awaitable<std::vector<std::string>> unknown(std::vector<std::string> ids) = 0;
};

/// A user's wallet as the profile shows it (read-only there).
struct WalletFigures {
    platform::core::Money balance;
    platform::core::Money total_earned;
    platform::core::Money total_spent;
};

/// Reads a user's wallet figures. The wallet feature implements it from its ledger.
class WalletFiguresSource {
  public:
    virtual ~WalletFiguresSource() = default;
    /// The figures of this user. Shard thread; may throw DbError.
    virtual boost::asio::awaitable<WalletFigures> figures(const std::string& user_id) = 0;
};

}  // namespace superapp::features::users
