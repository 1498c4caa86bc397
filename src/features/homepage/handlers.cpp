#include "features/homepage/handlers.hpp"

#include "features/homepage/banner_input.hpp"
#include "features/homepage/json.hpp"
#include "platform/core/validation.hpp"

namespace superapp::features::homepage {

namespace asio = boost::asio;
namespace json = boost::json;
using platform::core::QueryValidator;
using platform::http::Request;
using platform::http::Response;

namespace {

// The public replies may be kept this long by clients and shared caches (the server's caches are
// emptied by writes at once).
constexpr int kPublicMaxAge = 30;

// The same URL answers anonymous callers publicly and signed-in ones privately.
Response public_response(Response res, int max_age_seconds) {
    res.headers.set("Cache-Control", "public, max-age=" + std::to_string(max_age_seconds));
    res.headers.set("Vary", "Authorization");
    return res;
}

Response public_reply(const CachedReply& reply, int max_age_seconds) {
    Response res = public_response(Response::text(reply.body, platform::http::kJsonType), max_age_seconds);
    res.headers.set("ETag", reply.etag);
    return res;
}

int read_limit(QueryValidator& v, int max, int fallback) {
    return static_cast<int>(v.optional_int("limit", 1, max).value_or(fallback));
}

asio::awaitable<Response> sections(HomepageService& homepage, Request& req) {
    QueryValidator v(req.query);
    const auto lat = v.optional_number("lat", -90, 90);
    const auto lng = v.optional_number("lng", -180, 180);
    if (v.has("lat") != v.has("lng"))
        v.fail(v.has("lat") ? "lng" : "lat", "must be given together with the other coordinate");
    v.finish();
    std::optional<catalog::Point> near;
    if (lat && lng) near = catalog::Point{*lat, *lng};
    if (req.principal) {
        std::string body = co_await homepage.sections(req.principal->user_id, near);
        Response res = Response::text(std::move(body), platform::http::kJsonType);
        res.headers.set("Cache-Control", "no-store");
        co_return res;
    }
    if (!near) {
        const auto reply = co_await homepage.public_sections_reply();
        co_return public_reply(*reply, kPublicMaxAge);
    }
    std::string body = co_await homepage.sections(std::nullopt, near);
    co_return public_response(Response::text(std::move(body), platform::http::kJsonType), kPublicMaxAge);
}

asio::awaitable<Response> categories(HomepageService& homepage, Request&) {
    const auto reply = co_await homepage.categories_reply();
    co_return public_reply(*reply, kPublicMaxAge);
}

asio::awaitable<Response> trending(HomepageService& homepage, Request& req) {
    QueryValidator v(req.query);
    const int limit = read_limit(v, kMaxTrending, 10);
    v.finish();
    const auto reply = co_await homepage.trending_reply(limit);
    co_return public_reply(*reply, static_cast<int>(homepage.settings().trending_ttl.count()));
}

asio::awaitable<Response> recommendations(HomepageService& homepage, Request& req) {
    QueryValidator v(req.query);
    const int limit = read_limit(v, kMaxRecommendations, 20);
    v.finish();
    const json::value doc = co_await homepage.recommendations(req.principal->user_id, limit);
    co_return Response::private_json(doc);
}

asio::awaitable<Response> list_banners(HomepageService& homepage, Request& req) {
    QueryValidator v(req.query);
    const int limit = read_limit(v, 100, 20);
    auto cursor = v.optional_string("cursor", {.min = 1, .max = 200});
    v.finish();
    const BannerPage page = co_await homepage.banners(std::move(cursor), limit);
    json::array items;
    for (const Banner& b : page.items) items.push_back(banner_json(b));
    co_return Response::private_json(
        json::object{{"items", std::move(items)},
                     {"nextCursor", page.next_cursor ? json::value(*page.next_cursor) : json::value(nullptr)}});
}

asio::awaitable<Response> get_banner(HomepageService& homepage, Request& req) {
    const Banner b = co_await homepage.banner(std::string(req.param("id")));
    co_return Response::private_json(banner_json(b));
}

asio::awaitable<Response> create_banner(HomepageService& homepage, Request& req) {
    BannerInput in = read_banner(req.json);
    const Banner b = co_await homepage.create_banner(std::move(in));
    co_return Response::private_json(banner_json(b), 201);
}

asio::awaitable<Response> replace_banner(HomepageService& homepage, Request& req) {
    BannerInput in = read_banner(req.json);
    const Banner b = co_await homepage.replace_banner(std::string(req.param("id")), std::move(in));
    co_return Response::private_json(banner_json(b));
}

asio::awaitable<Response> delete_banner(HomepageService& homepage, Request& req) {
    co_await homepage.delete_banner(std::string(req.param("id")));
    co_return Response::no_content();
}

}  // namespace

Handler handle_sections(HomepageService& homepage) {
    return [&homepage](Request& req) { return sections(homepage, req); };
}
Handler handle_categories(HomepageService& homepage) {
    return [&homepage](Request& req) { return categories(homepage, req); };
}
Handler handle_trending(HomepageService& homepage) {
    return [&homepage](Request& req) { return trending(homepage, req); };
}
Handler handle_recommendations(HomepageService& homepage) {
    return [&homepage](Request& req) { return recommendations(homepage, req); };
}
Handler handle_list_banners(HomepageService& homepage) {
    return [&homepage](Request& req) { return list_banners(homepage, req); };
}
Handler handle_get_banner(HomepageService& homepage) {
    return [&homepage](Request& req) { return get_banner(homepage, req); };
}
Handler handle_create_banner(HomepageService& homepage) {
    return [&homepage](Request& req) { return create_banner(homepage, req); };
}
Handler handle_replace_banner(HomepageService& homepage) {
    return [&homepage](Request& req) { return replace_banner(homepage, req); };
}
Handler handle_delete_banner(HomepageService& homepage) {
    return [&homepage](Request& req) { return delete_banner(homepage, req); };
}

}  // namespace superapp::features::homepage
