#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "features/catalog/service.hpp"
#include "features/earn/service.hpp"
#include "features/homepage/model.hpp"
#include "features/homepage/repository.hpp"
#include "features/homepage/sections.hpp"
#include "features/homepage/shared_copies.hpp"
#include "features/orders/service.hpp"
#include "features/users/service.hpp"
#include "features/videos/ranking.hpp"
#include "platform/core/env.hpp"
#include "platform/core/ttl_cache.hpp"
#include "platform/realtime/event_bus.hpp"

namespace superapp::features::homepage {

using catalog::CachedReply;

/// TRENDING_CACHE_SECONDS (default 60, 1..3600): how long GET /homepage/trending is reused.
struct HomepageSettings {
    std::chrono::seconds trending_ttl{60};
};
/// Throws ConfigError for a setting that is not a whole number in range.
HomepageSettings load_settings(const platform::core::Env& env);

/// How long the public sections and category rails may show data as it was: writes in any
/// process drop them at once (data_changed events), so this only bounds what no event reports
/// (trending scores recomputed by the videos job, banners' windows opening and closing).
inline constexpr std::chrono::seconds kSectionsTtl{30};
inline constexpr int kMaxTrending = 50;
inline constexpr int kMaxRecommendations = 50;

/// The shared copy's name for GET /homepage/trending?limit=`limit`.
inline std::string trending_part(int limit) { return "trending:" + std::to_string(limit); }

/// A reply as sent: its JSON text and weak ETag.
std::shared_ptr<const CachedReply> reply_of(const boost::json::value& doc);
std::shared_ptr<const CachedReply> reply_of_text(std::string body);

/// A page of the admin banner list.
struct BannerPage {
    std::vector<Banner> items;
    std::optional<std::string> next_cursor;
};

/// The home screen. Public parts come from caches that data_changed events (any process's
/// catalog, videos, earn and banner writes) empty: this process's memory first, then the copies in
/// Redis that all processes share (when REDIS_URL is set); the caller's own parts are read per request.
/// Shard thread; throws ApiError and DbError.
class HomepageService {
  public:
    /// Subscribes to `events` (before the server starts) and publishes data_changed "banners" there.
    /// `redis` (null without REDIS_URL) holds the shared copies of the public parts.
    HomepageService(platform::db::Database& db, platform::realtime::EventBus& events, catalog::CatalogService& catalog,
                    orders::OrdersService& orders, earn::EarnService& earn, users::UsersService& users,
                    platform::redis::Client* redis, HomepageSettings settings);

    const HomepageSettings& settings() const { return settings_; }

    /// The sections an anonymous caller without a location gets, as sent (cached).
    boost::asio::awaitable<std::shared_ptr<const CachedReply>> public_sections_reply();
    /// The text of {"sections": [...]} with nearby stores when `near` is given and the user's earn
    /// projects when `user_id` is (see with_caller_sections).
    boost::asio::awaitable<std::string> sections(std::optional<std::string> user_id,
                                                 std::optional<catalog::Point> near);
    /// {"rails": [...]}: the category rails by type, as sent (cached).
    boost::asio::awaitable<std::shared_ptr<const CachedReply>> categories_reply();
    /// The `limit` (1..kMaxTrending) most trending products, stores and videos, as sent (cached
    /// for settings().trending_ttl).
    boost::asio::awaitable<std::shared_ptr<const CachedReply>> trending_reply(int limit);
    /// Up to `limit` (1..kMaxRecommendations) products for the user, best first.
    boost::asio::awaitable<boost::json::value> recommendations(std::string user_id, int limit);

    boost::asio::awaitable<Banner> create_banner(BannerInput input);
    /// 404 when there is no such banner.
    boost::asio::awaitable<Banner> replace_banner(std::string id, BannerInput input);
    /// 404 when there is no such banner.
    boost::asio::awaitable<void> delete_banner(std::string id);
    /// 404 when there is no such banner.
    boost::asio::awaitable<Banner> banner(std::string id);
    /// Newest first; 422 naming "cursor" for a cursor this did not issue.
    boost::asio::awaitable<BannerPage> banners(std::optional<std::string> cursor, int limit);

    /// Drops the caches a data_changed event's scope feeds. Any thread.
    void on_event(const platform::realtime::Event& event);

  private:
    boost::asio::awaitable<std::shared_ptr<const PublicParts>> public_parts();
    /// What the caches below keep, read (through SharedCopies where other processes share it).
    boost::asio::awaitable<std::shared_ptr<const PublicParts>> read_public_parts();
    boost::asio::awaitable<std::shared_ptr<const CachedReply>> read_public_sections_reply();
    boost::asio::awaitable<std::shared_ptr<const CachedReply>> read_categories_reply();
    boost::asio::awaitable<std::shared_ptr<const CachedReply>> read_trending_reply(int limit);
    boost::asio::awaitable<std::string> public_parts_text();
    boost::asio::awaitable<std::string> categories_text();
    boost::asio::awaitable<std::string> trending_text(int limit);
    boost::asio::awaitable<boost::json::array> read_rails();
    boost::asio::awaitable<boost::json::value> read_trending(int limit);
    /// Publishes data_changed "banners" (this process's subscriber drops the caches at once).
    void banners_changed();

    BannersRepository repo_;
    platform::realtime::EventPublisher& events_;
    catalog::CatalogService& catalog_;
    orders::OrdersService& orders_;
    earn::EarnService& earn_;
    users::UsersService& users_;
    videos::VideoRanking videos_;
    HomepageSettings settings_;
    SharedCopies copies_;
    platform::core::TtlCache<PublicParts> parts_cache_{kSectionsTtl, 1};
    platform::core::TtlCache<CachedReply> sections_cache_{kSectionsTtl, 1};
    platform::core::TtlCache<CachedReply> categories_cache_{kSectionsTtl, 1};
    platform::core::TtlCache<CachedReply> trending_cache_;
};

}  // namespace superapp::features::homepage
