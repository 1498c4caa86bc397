#include "features/videos/service.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "features/videos/json.hpp"
#include "features/videos/rules.hpp"
#include "platform/core/config.hpp"
#include "platform/core/field_error.hpp"
#include "platform/core/log.hpp"
#include "platform/core/object_id.hpp"
#include "platform/http/api_error.hpp"
#include "platform/realtime/data_changed.hpp"

namespace superapp::features::videos {

namespace asio = boost::asio;
using platform::core::FieldError;
using platform::core::ValidationFailed;
using platform::http::ApiError;

VideosSettings load_settings(const platform::core::Env& env) {
    VideosSettings s;
    platform::core::EnvReader reader(env);
    constexpr long long kGiB = 1024LL * 1024 * 1024;
    reader.integer("VIDEO_MAX_BYTES", s.max_video_bytes, 1024, 4 * kGiB);
    long long refresh = s.trending_refresh.count();
    reader.integer("TRENDING_REFRESH_SECONDS", refresh, 1, 86'400);
    s.trending_refresh = std::chrono::seconds(refresh);
    reader.integer("VIDEO_COMMENTS_PER_MINUTE", s.comments_per_minute, 1, 10'000);
    reader.throw_if_invalid();
    return s;
}

std::size_t max_upload_request_bytes(const VideosSettings& settings) {
    return settings.max_video_bytes + kMaxThumbnailBytes + 256 * 1024;
}

VideosService::VideosService(platform::db::Database& db, catalog::CatalogService& catalog, media::MediaService& media,
                             platform::realtime::EventPublisher& events, VideosSettings settings)
    : repo_(db), catalog_(catalog), media_(media), events_(events), settings_(settings) {}

void VideosService::publish(const EngagementChange& change) { events_.publish(engagement_event(change)); }

// What other features keep from videos (the homepage's sections and trending) is out of date.
void VideosService::videos_changed() { events_.publish(platform::realtime::data_changed("videos")); }

asio::awaitable<Page<Video>> VideosService::list(const ListFilter& filter) {
    ListQuery q{filter.category,   filter.tag,  filter.creator_id, filter.featured,
                filter.product_id, filter.sort, std::nullopt,      filter.limit + 1};
    if (filter.cursor) {
        q.after = parse_list_cursor(filter.sort, *filter.cursor);
        if (!q.after) throw ApiError::invalid_field("cursor", "is not a cursor of this list and sort");
    }
    Page<Video> page;
    page.items = co_await repo_.list(q);
    if (page.items.size() > static_cast<std::size_t>(filter.limit)) {
        page.items.resize(filter.limit);
        page.next_cursor = list_cursor(filter.sort, page.items.back());
    }
    co_return page;
}

asio::awaitable<Video> VideosService::visible(const std::string& id, const std::optional<Caller>& caller) {
    auto video = co_await repo_.video(id);
    const bool may_see =
        video && (video->is_published || (caller && (caller->admin || caller->user_id == video->creator_id)));
    if (!may_see) throw ApiError::not_found("no such video");
    co_return std::move(*video);
}

asio::awaitable<VideoDetail> VideosService::detail(const std::string& id, std::optional<Caller> caller) {
    Video video = co_await visible(id, caller);
    VideoDetail d;
    d.video = std::move(video);
    for (const auto& product_id : d.video.product_ids) {
        try {
            boost::json::value product = co_await catalog_.product(product_id, {});
            d.products.push_back(std::move(product));
        } catch (const ApiError& e) {
            if (e.status() != 404) throw;  // a product no longer active is left out
        }
    }
    if (caller) {
        const bool liked = co_await repo_.is_liked(id, caller->user_id);
        d.liked = liked;
    }
    co_return d;
}

asio::awaitable<std::vector<Category>> VideosService::categories() { co_return co_await repo_.categories(); }

asio::awaitable<LikeToggle> VideosService::toggle_like(const std::string& video_id, const std::string& user_id) {
    const auto toggled = co_await repo_.toggle_like(video_id, user_id);
    if (!toggled) throw ApiError::not_found("no such video");
    publish(toggled->change);
    co_return *toggled;
}

asio::awaitable<ShareCount> VideosService::share(const std::string& video_id, std::optional<std::string> user_id,
                                                 const std::string& channel,
                                                 const std::vector<std::string>& sharer_keys) {
    const auto shared = co_await repo_.share(video_id, user_id, channel, sharer_keys);
    if (!shared) throw ApiError::not_found("no such video");
    if (shared->counted) publish(shared->change);
    co_return *shared;
}

asio::awaitable<ViewCount> VideosService::view(const std::string& video_id,
                                               const std::vector<std::string>& viewer_keys) {
    const auto counted = co_await repo_.view(video_id, viewer_keys);
    if (!counted) throw ApiError::not_found("no such video");
    co_return *counted;
}

asio::awaitable<Page<Comment>> VideosService::comments(const std::string& video_id, std::optional<std::string> cursor,
                                                       int limit) {
    std::optional<platform::core::CreatedAtPosition> after;
    if (cursor) {
        after = platform::core::decode_cursor(*cursor);
        if (!after) throw ApiError::invalid_field("cursor", "is not a cursor of this list");
    }
    co_await visible(video_id, std::nullopt);
    Page<Comment> page;
    page.items = co_await repo_.comments(video_id, after, limit + 1);
    if (page.items.size() > static_cast<std::size_t>(limit)) {
        page.items.resize(limit);
        page.next_cursor = platform::core::encode_cursor({page.items.back().created_at, page.items.back().id});
    }
    co_return page;
}

asio::awaitable<CommentPosted> VideosService::add_comment(const std::string& video_id, const std::string& user_id,
                                                          std::string text) {
    const int limit = settings_.comments_per_minute;
    const Comment c{platform::core::ObjectId::generate().to_string(), video_id, user_id, std::move(text), {}};
    const CommentAttempt attempt = co_await repo_.add_comment(c, platform::core::now() - kCommentWindow, limit);
    if (attempt.limited) {
        const platform::http::RateLimit rate = comment_rate(attempt.before, limit, platform::core::now());
        throw platform::http::RateLimited("at most " + std::to_string(limit) + " comments a minute",
                                          std::max(std::chrono::seconds(1), rate.reset), rate);
    }
    if (!attempt.added) throw ApiError::not_found("no such video");
    publish(attempt.added->change);
    const Comment& added = attempt.added->comment;
    const CommentWindow after{attempt.before.count + 1, attempt.before.oldest.value_or(added.created_at)};
    co_return CommentPosted{added, comment_rate(after, limit, platform::core::now())};
}

asio::awaitable<void> VideosService::remove_comment(const std::string& video_id, const std::string& comment_id,
                                                    const Caller& caller) {
    const auto comment = co_await repo_.comment(comment_id, video_id);
    if (!comment) throw ApiError::not_found("no such comment");
    if (!caller.admin && comment->user_id != caller.user_id) {
        throw ApiError::forbidden("only its author or an admin may delete a comment");
    }
    const auto removed = co_await repo_.remove_comment(comment_id, video_id);
    if (!removed) throw ApiError::not_found("no such comment");
    publish(*removed);
}

asio::awaitable<void> VideosService::check_references(const std::optional<std::string>& category,
                                                      const std::vector<std::string>& product_ids) {
    std::vector<FieldError> errors;
    if (category) {
        const bool active = co_await repo_.category_active(*category);
        if (!active) errors.push_back({"category", "names no active video category"});
    }
    for (std::size_t i = 0; i < product_ids.size(); ++i) {
        bool found = true;
        try {
            co_await catalog_.product(product_ids[i], {});
        } catch (const ApiError& e) {
            if (e.status() != 404) throw;
            found = false;
        }
        if (!found) errors.push_back({"products[" + std::to_string(i) + "]", "names no active product"});
    }
    if (!errors.empty()) throw ValidationFailed(std::move(errors));
}

asio::awaitable<Video> VideosService::create(const Caller& caller, Upload upload) {
    co_await check_references(upload.category, upload.product_ids);
    const media::StoredVideo kept = co_await media_.keep_video(std::move(upload.video), "file");
    std::optional<media::StoredFile> thumbnail;
    std::exception_ptr failure;
    try {
        if (upload.thumbnail) {
            media::StoredFile kept_thumbnail = co_await media_.keep_image(std::move(upload.thumbnail), "thumbnail");
            thumbnail = std::move(kept_thumbnail);
        }
        NewVideo v{platform::core::ObjectId::generate().to_string(),
                   std::move(upload.title),
                   std::move(upload.description),
                   caller.user_id,
                   std::move(upload.category),
                   kept.file.url,
                   thumbnail ? std::optional<std::string>(thumbnail->url) : std::nullopt,
                   std::move(upload.tags),
                   std::move(upload.product_ids),
                   static_cast<int>(std::lround(kept.duration_seconds)),
                   false};
        auto inserted = co_await repo_.insert(v);
        if (!inserted) throw std::logic_error("a new ObjectId is taken");
        videos_changed();
        co_return std::move(*inserted);
    } catch (...) {
        failure = std::current_exception();
    }
    // Nothing refers to the files of a video that was not stored.
    co_await media_.remove_url(kept.file.url);
    if (thumbnail) co_await media_.remove_url(thumbnail->url);
    std::rethrow_exception(failure);
}

asio::awaitable<Video> VideosService::owned(const Caller& caller, const std::string& id) {
    auto video = co_await repo_.video(id);
    if (!video) throw ApiError::not_found("no such video");
    if (!caller.admin && video->creator_id != caller.user_id) {
        throw ApiError::forbidden("only its creator or an admin may change a video");
    }
    co_return std::move(*video);
}

asio::awaitable<Video> VideosService::update(const Caller& caller, const std::string& id, VideoChanges changes) {
    if (changes.is_featured && !caller.admin) throw ApiError::forbidden("only an admin may feature a video");
    Video v = co_await owned(caller, id);
    const std::vector<std::string> new_products = changes.product_ids.value_or(std::vector<std::string>{});
    co_await check_references(changes.category, new_products);
    if (changes.title) v.title = std::move(*changes.title);
    if (changes.description) v.description = std::move(*changes.description);
    if (changes.category) v.category = std::move(*changes.category);
    if (changes.tags) v.tags = std::move(*changes.tags);
    if (changes.product_ids) v.product_ids = new_products;
    if (changes.is_published) v.is_published = *changes.is_published;
    if (changes.is_featured) v.is_featured = *changes.is_featured;
    auto updated = co_await repo_.update(v);
    if (!updated) throw ApiError::not_found("no such video");
    videos_changed();
    co_return std::move(*updated);
}

asio::awaitable<void> VideosService::remove(const Caller& caller, const std::string& id) {
    co_await owned(caller, id);
    const auto files = co_await repo_.remove(id);
    if (!files) throw ApiError::not_found("no such video");
    videos_changed();
    co_await media_.remove_url(files->video_url);
    if (files->thumbnail_url) co_await media_.remove_url(*files->thumbnail_url);
}

asio::awaitable<void> VideosService::refresh_trending() {
    const std::int64_t changed = co_await repo_.refresh_trending();
    const std::int64_t forgotten = co_await repo_.purge_views();
    const std::int64_t sharers_forgotten = co_await repo_.purge_sharers();
    platform::core::log::debug(
        "video trending scores refreshed",
        {{"changed", changed}, {"viewsForgotten", forgotten}, {"sharersForgotten", sharers_forgotten}});
}

}  // namespace superapp::features::videos
