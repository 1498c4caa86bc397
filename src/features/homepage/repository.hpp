#pragma once
#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>
#include <vector>

#include "features/homepage/model.hpp"
#include "platform/core/cursor.hpp"
#include "platform/db/database.hpp"

namespace superapp::features::homepage {

/// The only code that runs the homepage feature's SQL: its banners. Shard thread; throws DbError.
class BannersRepository {
  public:
    explicit BannersRepository(platform::db::Database& db) : db_(db) {}

    boost::asio::awaitable<Banner> insert(const std::string& id, const BannerInput& in);
    /// The banner after the change; nullopt when there is no such banner.
    boost::asio::awaitable<std::optional<Banner>> replace(const std::string& id, const BannerInput& in);
    /// False when there was no such banner.
    boost::asio::awaitable<bool> remove(const std::string& id);
    boost::asio::awaitable<std::optional<Banner>> find(const std::string& id);
    /// Newest first after `after`, at most `limit`.
    boost::asio::awaitable<std::vector<Banner>> page(const std::optional<platform::core::CreatedAtPosition>& after,
                                                     int limit);
    /// The active banners whose window holds now, by position, at most `limit`.
    boost::asio::awaitable<std::vector<Banner>> live(int limit);

  private:
    platform::db::Database& db_;
};

}  // namespace superapp::features::homepage
