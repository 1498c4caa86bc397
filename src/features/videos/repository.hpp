#pragma once
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "features/videos/model.hpp"
#include "features/videos/rules.hpp"
#include "platform/core/cursor.hpp"
#include "platform/db/database.hpp"

namespace superapp::features::videos {

/// What GET /videos selects (published videos only).
struct ListQuery {
    std::optional<std::string> category;
    std::optional<std::string> tag;
    std::optional<std::string> creator_id;
    std::optional<bool> featured;
    std::optional<std::string> product_id;
    Sort sort = Sort::newest;
    std::optional<ListPosition> after;  ///< of the same sort
    int limit = 20;
};

/// A new video's row.
struct NewVideo {
    std::string id;
    std::string title;
    std::optional<std::string> description;
    std::string creator_id;
    std::string category;
    std::string video_url;
    std::optional<std::string> thumbnail_url;
    std::vector<std::string> tags;
    std::vector<std::string> product_ids;
    int duration_seconds = 0;
    bool is_featured = false;
};

/// The toggle's outcome: whether the user likes the video now, and its counters.
struct LikeToggle {
    bool liked = false;
    EngagementChange change;
};

/// A counted (or not) share and the video's counters after it.
struct ShareCount {
    bool counted = false;
    EngagementChange change;
};

/// A counted (or not) view and the video's views after it.
struct ViewCount {
    bool counted = false;
    std::int64_t views = 0;
};

/// A new comment and the video's counters after it.
struct CommentAdded {
    Comment comment;
    EngagementChange change;
};

/// What an attempt to comment under the rate limit did.
struct CommentAttempt {
    CommentWindow before;               ///< the user's comments in the window, this one not counted
    bool limited = false;               ///< refused: `before` holds the limit already; nothing written
    std::optional<CommentAdded> added;  ///< written; nullopt when limited or there is no such published video
};

/// The files a deleted video leaves behind.
struct VideoFiles {
    std::string video_url;
    std::optional<std::string> thumbnail_url;
};

/// The only code that runs the videos feature's SQL. Every counter moves in the statement or
/// transaction of the rows it counts, with today's video_engagement_daily row. Shard thread;
/// throws DbError.
class VideosRepository {
  public:
    explicit VideosRepository(platform::db::Database& db) : db_(db) {}

    boost::asio::awaitable<std::vector<Video>> list(const ListQuery& q);
    /// Any video, published or not.
    boost::asio::awaitable<std::optional<Video>> video(const std::string& id);
    boost::asio::awaitable<bool> is_liked(const std::string& video_id, const std::string& user_id);
    boost::asio::awaitable<std::vector<Category>> categories();
    boost::asio::awaitable<bool> category_active(const std::string& slug);

    /// nullopt when there is no such published video.
    boost::asio::awaitable<std::optional<LikeToggle>> toggle_like(const std::string& video_id,
                                                                  const std::string& user_id);
    /// Counts the share unless one of `sharer_keys` had one counted within the hour (sql/share.sql);
    /// nullopt when there is no such published video.
    boost::asio::awaitable<std::optional<ShareCount>> share(const std::string& video_id,
                                                            const std::optional<std::string>& user_id,
                                                            const std::string& channel,
                                                            const std::vector<std::string>& sharer_keys);
    /// Counts the view unless one of `viewer_keys` had one counted within the hour (sql/view.sql);
    /// nullopt when there is no such published video.
    boost::asio::awaitable<std::optional<ViewCount>> view(const std::string& video_id,
                                                          const std::vector<std::string>& viewer_keys);

    /// Writes the comment unless its user wrote `limit` comments after `since` already. The count
    /// and the insert run in one transaction under a lock of the user's (lock_commenter.sql), so
    /// comments sent at once are counted one after the other and never pass the limit together.
    boost::asio::awaitable<CommentAttempt> add_comment(const Comment& c, Timestamp since, int limit);
    boost::asio::awaitable<std::optional<Comment>> comment(const std::string& id, const std::string& video_id);
    /// The video's counters after the removal; nullopt when the video or the comment is gone.
    boost::asio::awaitable<std::optional<EngagementChange>> remove_comment(const std::string& id,
                                                                           const std::string& video_id);
    boost::asio::awaitable<std::vector<Comment>> comments(const std::string& video_id,
                                                          const std::optional<platform::core::CreatedAtPosition>& after,
                                                          int limit);

    /// The stored video, or nullopt when its id is taken.
    boost::asio::awaitable<std::optional<Video>> insert(const NewVideo& v);
    /// Writes every editable field of `v` (title, description, category, thumbnail, tags, products,
    /// published, featured); nullopt when the video is gone.
    boost::asio::awaitable<std::optional<Video>> update(const Video& v);
    /// nullopt when there was no such video.
    boost::asio::awaitable<std::optional<VideoFiles>> remove(const std::string& id);

    /// Recomputes every video's trending score (sql/refresh_trending.sql); returns how many changed.
    boost::asio::awaitable<std::int64_t> refresh_trending();
    /// Forgets views older than the hour; returns how many.
    boost::asio::awaitable<std::int64_t> purge_views();
    /// Forgets sharers whose share was counted over an hour ago; returns how many.
    boost::asio::awaitable<std::int64_t> purge_sharers();

  private:
    platform::db::Database& db_;
};

}  // namespace superapp::features::videos
