// The videos routes everyone and signed-in users call.
#include "features/videos/handlers.hpp"

#include "features/videos/json.hpp"
#include "features/videos/rules.hpp"
#include "platform/core/validation.hpp"
#include "platform/http/api_error.hpp"

namespace superapp::features::videos {

namespace asio = boost::asio;
namespace json = boost::json;
using platform::core::QueryValidator;
using platform::core::Validator;
using platform::http::ApiError;
using platform::http::Request;
using platform::http::Response;
using platform::http::Role;

std::string video_id(const Request& req) {
    const auto id = platform::core::ObjectId::parse(req.param("id"));
    if (!id) throw ApiError::not_found("no such video");
    return id->to_string();
}

namespace {

std::optional<Caller> caller_of(const Request& req) {
    if (!req.principal) return std::nullopt;
    return Caller{req.principal->user_id, req.principal->role == Role::admin};
}

int read_limit(QueryValidator& v) { return static_cast<int>(v.optional_int("limit", 1, 100).value_or(20)); }

std::optional<std::string> read_cursor(QueryValidator& v) {
    return v.optional_string("cursor", {.min = 1, .max = 300});
}

template <class T, class ToJson>
json::object page_json(const Page<T>& page, ToJson to_json) {
    json::array items;
    items.reserve(page.items.size());
    for (const auto& item : page.items) items.emplace_back(to_json(item));
    return {{"items", std::move(items)},
            {"nextCursor", page.next_cursor ? json::value(*page.next_cursor) : json::value(nullptr)}};
}

asio::awaitable<Response> list(VideosService& videos, Request& req) {
    QueryValidator v(req.query);
    ListFilter filter;
    filter.category = v.optional_string("category", {.min = 1, .max = 40});
    filter.tag = v.optional_string("tag", {.min = 1, .max = 40});
    if (const auto creator = v.optional_object_id("creator")) filter.creator_id = creator->to_string();
    filter.featured = v.optional_bool("featured");
    if (const auto product = v.optional_object_id("product")) filter.product_id = product->to_string();
    const auto sort = v.optional_enum("sort", {"newest", "popular", "trending"});
    filter.sort = parse_sort(sort.value_or("newest")).value_or(Sort::newest);
    filter.limit = read_limit(v);
    filter.cursor = read_cursor(v);
    v.finish();
    const Page<Video> page = co_await videos.list(filter);
    co_return Response::json(page_json(page, video_json));
}

asio::awaitable<Response> categories(VideosService& videos, Request&) {
    json::array items;
    const std::vector<Category> found = co_await videos.categories();
    for (const auto& c : found) items.emplace_back(category_json(c));
    co_return Response::json(json::object{{"items", std::move(items)}});
}

asio::awaitable<Response> detail(VideosService& videos, Request& req) {
    const auto caller = caller_of(req);
    VideoDetail d = co_await videos.detail(video_id(req), caller);
    json::object body = video_json(d.video);
    json::array products;
    for (auto& p : d.products) products.push_back(std::move(p));
    body["products"] = std::move(products);
    if (d.liked) body["isLiked"] = *d.liked;
    if (caller) co_return Response::private_json(body);
    co_return Response::json(body);
}

asio::awaitable<Response> like(VideosService& videos, Request& req) {
    const LikeToggle t = co_await videos.toggle_like(video_id(req), req.principal->user_id);
    co_return Response::private_json(
        json::object{{"liked", t.liked}, {"engagement", engagement_json(t.change.engagement)}});
}

asio::awaitable<Response> share(VideosService& videos, Request& req) {
    const std::string id = video_id(req);
    Validator v(req.json);
    const std::string channel = v.required_enum(
        "channel", {"whatsapp", "facebook", "instagram", "twitter", "telegram", "sms", "email", "copy_link", "other"});
    v.finish();
    std::optional<std::string> user;
    std::optional<std::string> sharer;
    if (req.principal) {
        user = req.principal->user_id;
        sharer = "user:" + *user;
    }
    const ShareCount s = co_await videos.share(id, user, channel, engagement_keys(sharer, req.client_ip));
    co_return Response::private_json(
        json::object{{"counted", s.counted}, {"engagement", engagement_json(s.change.engagement)}});
}

asio::awaitable<Response> view(VideosService& videos, Request& req) {
    const std::string id = video_id(req);
    std::optional<std::string> user;
    if (req.principal) user = req.principal->user_id;
    const auto viewer = viewer_key(user, req.header("X-Device-Id"));
    if (!viewer) {
        throw ApiError::invalid_field("X-Device-Id",
                                      "is required without a sign-in: 8 to 128 letters, digits, '-', '_' or '.'");
    }
    const ViewCount c = co_await videos.view(id, engagement_keys(viewer, req.client_ip));
    co_return Response::private_json(json::object{{"counted", c.counted}, {"views", c.views}});
}

asio::awaitable<Response> comments(VideosService& videos, Request& req) {
    const std::string id = video_id(req);
    QueryValidator v(req.query);
    const int limit = read_limit(v);
    auto cursor = read_cursor(v);
    v.finish();
    const Page<Comment> page = co_await videos.comments(id, std::move(cursor), limit);
    co_return Response::json(page_json(page, comment_json));
}

asio::awaitable<Response> add_comment(VideosService& videos, Request& req) {
    const std::string id = video_id(req);
    Validator v(req.json);
    std::string text = v.required_string("text", {.min = 1, .max = 500, .multiline = true});
    v.finish();
    const CommentPosted posted = co_await videos.add_comment(id, req.principal->user_id, std::move(text));
    Response res = Response::private_json(comment_json(posted.comment), 201);
    platform::http::set_rate_limit_headers(res.headers, posted.rate);
    co_return res;
}

asio::awaitable<Response> remove_comment(VideosService& videos, Request& req) {
    const std::string id = video_id(req);
    const auto comment_id = platform::core::ObjectId::parse(req.param("commentId"));
    if (!comment_id) throw ApiError::not_found("no such comment");
    co_await videos.remove_comment(id, comment_id->to_string(), *caller_of(req));
    co_return Response::no_content();
}

}  // namespace

Handler handle_list(VideosService& videos) {
    return [&videos](Request& req) { return list(videos, req); };
}
Handler handle_categories(VideosService& videos) {
    return [&videos](Request& req) { return categories(videos, req); };
}
Handler handle_detail(VideosService& videos) {
    return [&videos](Request& req) { return detail(videos, req); };
}
Handler handle_like(VideosService& videos) {
    return [&videos](Request& req) { return like(videos, req); };
}
Handler handle_share(VideosService& videos) {
    return [&videos](Request& req) { return share(videos, req); };
}
Handler handle_view(VideosService& videos) {
    return [&videos](Request& req) { return view(videos, req); };
}
Handler handle_comments(VideosService& videos) {
    return [&videos](Request& req) { return comments(videos, req); };
}
Handler handle_add_comment(VideosService& videos) {
    return [&videos](Request& req) { return add_comment(videos, req); };
}
Handler handle_remove_comment(VideosService& videos) {
    return [&videos](Request& req) { return remove_comment(videos, req); };
}

}  // namespace superapp::features::videos
