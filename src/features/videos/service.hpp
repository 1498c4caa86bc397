#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "features/catalog/service.hpp"
#include "features/media/service.hpp"
#include "features/videos/model.hpp"
#include "features/videos/repository.hpp"
#include "platform/core/env.hpp"
#include "platform/core/temp_file.hpp"
#include "platform/db/database.hpp"
#include "platform/http/rate_limit.hpp"
#include "platform/realtime/event_bus.hpp"

namespace superapp::features::videos {

/// VIDEO_MAX_BYTES (default 200 MiB): the largest video file an upload keeps;
/// TRENDING_REFRESH_SECONDS (default 300): how often the trending scores are recomputed;
/// VIDEO_COMMENTS_PER_MINUTE (default 5): how many comments one user may write a minute.
struct VideosSettings {
    std::size_t max_video_bytes = 200 * 1024 * 1024;
    std::chrono::seconds trending_refresh{300};
    int comments_per_minute = 5;
};
/// Throws ConfigError for a setting that is not a whole number in range.
VideosSettings load_settings(const platform::core::Env& env);

/// The largest thumbnail an upload keeps.
inline constexpr std::size_t kMaxThumbnailBytes = 5 * 1024 * 1024;
/// The largest POST /videos request: the video, the thumbnail and room for the text fields.
std::size_t max_upload_request_bytes(const VideosSettings& settings);

/// Who calls: the signed-in user and whether they are an admin.
using Caller = catalog::Actor;

/// What GET /videos asks for.
struct ListFilter {
    std::optional<std::string> category;
    std::optional<std::string> tag;
    std::optional<std::string> creator_id;
    std::optional<bool> featured;
    std::optional<std::string> product_id;
    Sort sort = Sort::newest;
    std::optional<std::string> cursor;
    int limit = 20;
};

template <class T>
struct Page {
    std::vector<T> items;
    std::optional<std::string> next_cursor;
};

/// GET /videos/:id: the video, its linked products as the catalog shows them (inactive ones left
/// out) and, for a signed-in caller, whether they like it.
struct VideoDetail {
    Video video;
    std::vector<boost::json::value> products;
    std::optional<bool> liked;
};

/// A creator's upload, its text fields checked by the handler.
struct Upload {
    std::string title;
    std::optional<std::string> description;
    std::string category;
    std::vector<std::string> tags;
    std::vector<std::string> product_ids;
    std::shared_ptr<platform::core::TempFile> video;      ///< the `file` part
    std::shared_ptr<platform::core::TempFile> thumbnail;  ///< the `thumbnail` part, if sent
};

/// A new comment and where its author stands with the rate limit after it.
struct CommentPosted {
    Comment comment;
    platform::http::RateLimit rate;
};

/// A field an edit sets (an inner value), clears (an inner nullopt: JSON null) or leaves alone.
template <class T>
using Update = std::optional<std::optional<T>>;

/// What PUT /videos/:id changes; absent fields stay.
struct VideoChanges {
    std::optional<std::string> title;
    Update<std::string> description;
    std::optional<std::string> category;
    std::optional<std::vector<std::string>> tags;
    std::optional<std::vector<std::string>> product_ids;
    std::optional<bool> is_published;
    std::optional<bool> is_featured;  ///< admins only
};

/// Shoppable short videos: lists and details for everyone, likes, shares, views and comments, and
/// creators' (merchants' and admins') uploads. Likes, shares and comments publish
/// `video_engagement` to "video:<id>" and "user:<creator>" after they commit. Shard thread;
/// throws ApiError and DbError.
class VideosService {
  public:
    VideosService(platform::db::Database& db, catalog::CatalogService& catalog, media::MediaService& media,
                  platform::realtime::EventPublisher& events, VideosSettings settings);

    const VideosSettings& settings() const { return settings_; }
    /// Where upload bodies and their parts are written on their way in.
    std::filesystem::path incoming_dir() const { return media_.incoming_dir(); }

    /// Published videos. Throws 422 naming `cursor` for a cursor of another sort or not ours.
    boost::asio::awaitable<Page<Video>> list(const ListFilter& filter);
    /// A published video (unpublished: for its creator and admins only); 404 otherwise.
    boost::asio::awaitable<VideoDetail> detail(const std::string& id, std::optional<Caller> caller);
    boost::asio::awaitable<std::vector<Category>> categories();

    /// Likes the video, or takes the like back. 404 for no such published video.
    boost::asio::awaitable<LikeToggle> toggle_like(const std::string& video_id, const std::string& user_id);
    /// Counts a share on `channel` unless one of `sharer_keys` (rules.hpp engagement_keys) had one
    /// counted within the hour; either way the video's counters. 404 as toggle_like.
    boost::asio::awaitable<ShareCount> share(const std::string& video_id, std::optional<std::string> user_id,
                                             const std::string& channel, const std::vector<std::string>& sharer_keys);
    /// Counts a view unless one of `viewer_keys` (rules.hpp engagement_keys) had one counted within
    /// the hour. 404 as toggle_like.
    boost::asio::awaitable<ViewCount> view(const std::string& video_id, const std::vector<std::string>& viewer_keys);

    /// Newest first. 404 as detail (anonymously), 422 `cursor`.
    boost::asio::awaitable<Page<Comment>> comments(const std::string& video_id, std::optional<std::string> cursor,
                                                   int limit);
    /// 404 as toggle_like; RateLimited (429) past comments_per_minute, however many are sent at once.
    boost::asio::awaitable<CommentPosted> add_comment(const std::string& video_id, const std::string& user_id,
                                                      std::string text);
    /// Its author or an admin: 403 otherwise, 404 for no such comment on that video.
    boost::asio::awaitable<void> remove_comment(const std::string& video_id, const std::string& comment_id,
                                                const Caller& caller);

    /// Keeps the upload's files (415 for another type, 422 `file` for an unreadable video) and
    /// stores the video, published. 422 naming `category` for no such active category and
    /// `products[i]` for a product that is not active in the catalog.
    boost::asio::awaitable<Video> create(const Caller& caller, Upload upload);
    /// The creator's own video, or any for an admin (403 otherwise, 404 for none); 403 for
    /// isFeatured from a non-admin; 422 as create.
    boost::asio::awaitable<Video> update(const Caller& caller, const std::string& id, VideoChanges changes);
    /// Deletes the video with its engagement and files; the same rights as update.
    boost::asio::awaitable<void> remove(const Caller& caller, const std::string& id);

    /// Recomputes the trending scores and forgets views past the hour (the periodic job).
    boost::asio::awaitable<void> refresh_trending();

  private:
    boost::asio::awaitable<Video> visible(const std::string& id, const std::optional<Caller>& caller);
    boost::asio::awaitable<Video> owned(const Caller& caller, const std::string& id);
    boost::asio::awaitable<void> check_references(const std::optional<std::string>& category,
                                                  const std::vector<std::string>& product_ids);
    void publish(const EngagementChange& change);
    void videos_changed();

    VideosRepository repo_;
    catalog::CatalogService& catalog_;
    media::MediaService& media_;
    platform::realtime::EventPublisher& events_;
    VideosSettings settings_;
};

}  // namespace superapp::features::videos
