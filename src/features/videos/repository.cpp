#include "features/videos/repository.hpp"

namespace superapp::features::videos {

namespace asio = boost::asio;
using platform::db::named_query;
using platform::db::Row;
using platform::db::Tx;

namespace {

Video video_from(const Row& row) {
    Video v;
    v.id = row.get<std::string>("id");
    v.title = row.get<std::string>("title");
    v.description = row.get_optional<std::string>("description");
    v.creator_id = row.get<std::string>("creator_id");
    v.category = row.get<std::string>("category");
    v.video_url = row.get<std::string>("video_url");
    v.thumbnail_url = row.get_optional<std::string>("thumbnail_url");
    v.tags = row.get<std::vector<std::string>>("tags");
    v.product_ids = row.get<std::vector<std::string>>("product_ids");
    v.duration_seconds = row.get<std::int32_t>("duration_seconds");
    v.engagement = {row.get<std::int64_t>("views"), row.get<std::int64_t>("likes"), row.get<std::int64_t>("shares"),
                    row.get<std::int64_t>("comments")};
    v.trending_score = row.get<double>("trending_score");
    v.is_published = row.get<bool>("is_published");
    v.is_featured = row.get<bool>("is_featured");
    v.created_at = row.get<Timestamp>("created_at");
    v.updated_at = row.get<Timestamp>("updated_at");
    return v;
}

Engagement engagement_from(const Row& row) {
    return {row.get<std::int64_t>("views"), row.get<std::int64_t>("likes"), row.get<std::int64_t>("shares"),
            row.get<std::int64_t>("comments")};
}

EngagementChange change_from(const Row& row) {
    return {row.get<std::string>("id"), row.get<std::string>("creator_id"), engagement_from(row)};
}

Comment comment_from(const Row& row) {
    return {row.get<std::string>("id"), row.get<std::string>("video_id"), row.get<std::string>("user_id"),
            row.get<std::string>("text"), row.get<Timestamp>("created_at")};
}

std::string_view list_query_name(Sort sort) {
    switch (sort) {
        case Sort::popular: return "videos.list_popular";
        case Sort::trending: return "videos.list_trending";
        case Sort::newest: break;
    }
    return "videos.list_newest";
}

// Every engagement change of a video starts by locking it (lock_video.sql): the counters of one
// video change one transaction at a time. The creator comes from the lock.
asio::awaitable<std::optional<std::string>> lock_video(Tx& tx, const std::string& video_id) {
    const auto locked = co_await tx.query(named_query("videos.lock_video"), video_id);
    if (locked.empty()) co_return std::nullopt;
    co_return locked[0].get<std::string>("creator_id");
}

asio::awaitable<std::optional<LikeToggle>> toggle_like_tx(Tx& tx, std::string& video_id, std::string& user_id) {
    const auto creator = co_await lock_video(tx, video_id);
    if (!creator) co_return std::nullopt;
    const auto result = co_await tx.query(named_query("videos.toggle_like"), video_id, user_id);
    co_return LikeToggle{result[0].get<bool>("liked"), change_from(result[0])};
}

// The user's lock first, then the video's: a refused comment never waits on the video's row.
asio::awaitable<CommentAttempt> add_comment_tx(Tx& tx, Comment& c, Timestamp& since, int& limit) {
    co_await tx.query(named_query("videos.lock_commenter"), c.user_id);
    const auto recent = co_await tx.query(named_query("videos.recent_comments_by_user"), c.user_id, since);
    CommentAttempt attempt;
    attempt.before = {recent[0].get<std::int64_t>("n"), recent[0].get_optional<Timestamp>("oldest")};
    if (attempt.before.count >= limit) {
        attempt.limited = true;
        co_return attempt;
    }
    const auto creator = co_await lock_video(tx, c.video_id);
    if (!creator) co_return attempt;
    const auto result = co_await tx.query(named_query("videos.insert_comment"), c.id, c.video_id, c.user_id, c.text);
    const Row row = result[0];
    attempt.added = CommentAdded{comment_from(row), {c.video_id, *creator, engagement_from(row)}};
    co_return attempt;
}

asio::awaitable<std::optional<EngagementChange>> remove_comment_tx(Tx& tx, std::string& id, std::string& video_id) {
    const auto creator = co_await lock_video(tx, video_id);
    if (!creator) co_return std::nullopt;
    const auto result = co_await tx.query(named_query("videos.delete_comment"), id, video_id);
    if (result.empty()) co_return std::nullopt;
    co_return EngagementChange{video_id, *creator, engagement_from(result[0])};
}

}  // namespace

asio::awaitable<std::vector<Video>> VideosRepository::list(const ListQuery& q) {
    std::optional<std::string> after_key;
    std::optional<std::string> after_id;
    if (q.after) {
        after_key = q.after->key;
        after_id = q.after->id;
    }
    const auto result = co_await db_.query(named_query(list_query_name(q.sort)), q.category, q.tag, q.creator_id,
                                           q.featured, q.product_id, after_key, after_id, q.limit);
    std::vector<Video> out;
    out.reserve(result.size());
    for (const auto row : result) out.push_back(video_from(row));
    co_return out;
}

asio::awaitable<std::optional<Video>> VideosRepository::video(const std::string& id) {
    const auto result = co_await db_.query(named_query("videos.video"), id);
    if (result.empty()) co_return std::nullopt;
    co_return video_from(result[0]);
}

asio::awaitable<bool> VideosRepository::is_liked(const std::string& video_id, const std::string& user_id) {
    const auto result = co_await db_.query(named_query("videos.is_liked"), video_id, user_id);
    co_return result[0].get<bool>("liked");
}

asio::awaitable<std::vector<Category>> VideosRepository::categories() {
    const auto result = co_await db_.query(named_query("videos.categories"));
    std::vector<Category> out;
    out.reserve(result.size());
    for (const auto row : result) {
        out.push_back({row.get<std::string>("slug"), row.get<std::string>("name"), row.get<std::int32_t>("sort_order"),
                       row.get<std::int64_t>("videos")});
    }
    co_return out;
}

asio::awaitable<bool> VideosRepository::category_active(const std::string& slug) {
    const auto result = co_await db_.query(named_query("videos.category_active"), slug);
    co_return result[0].get<bool>("active");
}

asio::awaitable<std::optional<LikeToggle>> VideosRepository::toggle_like(const std::string& video_id,
                                                                         const std::string& user_id) {
    return db_.transaction(toggle_like_tx, video_id, user_id);
}

asio::awaitable<std::optional<ShareCount>> VideosRepository::share(const std::string& video_id,
                                                                   const std::optional<std::string>& user_id,
                                                                   const std::string& channel,
                                                                   const std::vector<std::string>& sharer_keys) {
    const auto result = co_await db_.query(named_query("videos.share"), video_id, user_id, channel, sharer_keys);
    if (result.empty()) co_return std::nullopt;
    co_return ShareCount{result[0].get<bool>("counted"), change_from(result[0])};
}

asio::awaitable<std::optional<ViewCount>> VideosRepository::view(const std::string& video_id,
                                                                 const std::vector<std::string>& viewer_keys) {
    const auto result = co_await db_.query(named_query("videos.view"), video_id, viewer_keys);
    if (result.empty()) co_return std::nullopt;
    co_return ViewCount{result[0].get<bool>("counted"), result[0].get<std::int64_t>("views")};
}

asio::awaitable<CommentAttempt> VideosRepository::add_comment(const Comment& c, Timestamp since, int limit) {
    return db_.transaction(add_comment_tx, c, since, limit);
}

asio::awaitable<std::optional<Comment>> VideosRepository::comment(const std::string& id, const std::string& video_id) {
    const auto result = co_await db_.query(named_query("videos.comment"), id, video_id);
    if (result.empty()) co_return std::nullopt;
    co_return comment_from(result[0]);
}

asio::awaitable<std::optional<EngagementChange>> VideosRepository::remove_comment(const std::string& id,
                                                                                  const std::string& video_id) {
    return db_.transaction(remove_comment_tx, id, video_id);
}

asio::awaitable<std::vector<Comment>> VideosRepository::comments(
    const std::string& video_id, const std::optional<platform::core::CreatedAtPosition>& after, int limit) {
    std::optional<Timestamp> after_time;
    std::optional<std::string> after_id;
    if (after) {
        after_time = after->created_at;
        after_id = after->id;
    }
    const auto result = co_await db_.query(named_query("videos.list_comments"), video_id, after_time, after_id, limit);
    std::vector<Comment> out;
    out.reserve(result.size());
    for (const auto row : result) out.push_back(comment_from(row));
    co_return out;
}

asio::awaitable<std::optional<Video>> VideosRepository::insert(const NewVideo& v) {
    const auto result = co_await db_.query(named_query("videos.insert_video"), v.id, v.title, v.description,
                                           v.creator_id, v.category, v.video_url, v.thumbnail_url, v.tags,
                                           v.product_ids, v.duration_seconds, true, v.is_featured);
    if (result.empty()) co_return std::nullopt;
    co_return video_from(result[0]);
}

asio::awaitable<std::optional<Video>> VideosRepository::update(const Video& v) {
    const auto result = co_await db_.query(named_query("videos.update_video"), v.id, v.title, v.description, v.category,
                                           v.thumbnail_url, v.tags, v.product_ids, v.is_published, v.is_featured);
    if (result.empty()) co_return std::nullopt;
    co_return video_from(result[0]);
}

asio::awaitable<std::optional<VideoFiles>> VideosRepository::remove(const std::string& id) {
    const auto result = co_await db_.query(named_query("videos.delete_video"), id);
    if (result.empty()) co_return std::nullopt;
    co_return VideoFiles{result[0].get<std::string>("video_url"), result[0].get_optional<std::string>("thumbnail_url")};
}

asio::awaitable<std::int64_t> VideosRepository::refresh_trending() {
    const auto result = co_await db_.query(named_query("videos.refresh_trending"));
    co_return static_cast<std::int64_t>(result.affected_rows());
}

asio::awaitable<std::int64_t> VideosRepository::purge_views() {
    const auto result = co_await db_.query(named_query("videos.purge_views"));
    co_return static_cast<std::int64_t>(result.affected_rows());
}

asio::awaitable<std::int64_t> VideosRepository::purge_sharers() {
    const auto result = co_await db_.query(named_query("videos.purge_sharers"));
    co_return static_cast<std::int64_t>(result.affected_rows());
}

}  // namespace superapp::features::videos
