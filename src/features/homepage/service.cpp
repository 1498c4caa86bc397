#include "features/homepage/service.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include "features/earn/json.hpp"
#include "features/homepage/json.hpp"
#include "platform/core/config.hpp"
#include "platform/core/json.hpp"
#include "platform/core/object_id.hpp"
#include "platform/http/api_error.hpp"
#include "platform/http/middleware/etag.hpp"
#include "platform/realtime/data_changed.hpp"

namespace superapp::features::homepage {

namespace asio = boost::asio;
namespace json = boost::json;
using platform::http::ApiError;

std::shared_ptr<const CachedReply> reply_of(const json::value& doc) {
    return reply_of_text(platform::core::serialize(doc));
}

std::shared_ptr<const CachedReply> reply_of_text(std::string body) {
    auto reply = std::make_shared<CachedReply>();
    reply->body = std::move(body);
    reply->etag = platform::http::middleware::weak_etag(reply->body);
    return reply;
}

namespace {

ApiError no_banner() { return ApiError::not_found("no banner with this id"); }

json::array banner_items(const std::vector<Banner>& banners) {
    json::array out;
    for (const Banner& b : banners) out.push_back(banner_json(b));
    return out;
}

}  // namespace

HomepageSettings load_settings(const platform::core::Env& env) {
    HomepageSettings s;
    platform::core::EnvReader reader(env);
    long long seconds = s.trending_ttl.count();
    reader.integer("TRENDING_CACHE_SECONDS", seconds, 1, 3600);
    reader.throw_if_invalid();
    s.trending_ttl = std::chrono::seconds(seconds);
    return s;
}

HomepageService::HomepageService(platform::db::Database& db, platform::realtime::EventBus& events,
                                 catalog::CatalogService& catalog, orders::OrdersService& orders,
                                 earn::EarnService& earn, users::UsersService& users, platform::redis::Client* redis,
                                 HomepageSettings settings)
    : repo_(db),
      events_(events),
      catalog_(catalog),
      orders_(orders),
      earn_(earn),
      users_(users),
      videos_(db),
      settings_(settings),
      copies_(redis),
      trending_cache_(settings.trending_ttl, kMaxTrending) {
    events.subscribe([this](const platform::realtime::Event& e) { on_event(e); });
}

void HomepageService::on_event(const platform::realtime::Event& event) {
    const auto scope = platform::realtime::changed_scope(event);
    if (!scope) return;
    const bool catalog = *scope == "catalog";
    const bool trending = catalog || *scope == "videos";
    // Redis first: a request that finds the memory copy gone then reads Redis after the delete.
    std::vector<std::string> parts{"parts"};
    if (catalog) parts.emplace_back("categories");
    if (trending) {
        for (int limit = 1; limit <= kMaxTrending; ++limit) parts.push_back(trending_part(limit));
    }
    copies_.drop(parts);
    parts_cache_.invalidate();
    sections_cache_.invalidate();
    if (catalog) categories_cache_.invalidate();
    if (trending) trending_cache_.invalidate();
}

// ---- sections ----

asio::awaitable<std::shared_ptr<const PublicParts>> HomepageService::public_parts() {
    const auto read = [this] { return read_public_parts(); };
    co_return co_await parts_cache_.get("", read);
}

asio::awaitable<std::shared_ptr<const PublicParts>> HomepageService::read_public_parts() {
    const SharedCopies::Build build = [this] { return public_parts_text(); };
    const std::string text = co_await copies_.text("parts", kSectionsTtl, build);
    co_return std::make_shared<const PublicParts>(parts_from_json(json::parse(text)));
}

asio::awaitable<std::string> HomepageService::public_parts_text() {
    PublicParts parts;
    const std::vector<Banner> banners = co_await repo_.live(kSectionItems);
    parts.banners = banner_items(banners);
    parts.category_rails = co_await read_rails();
    parts.featured_products = co_await catalog_.featured_products(kSectionItems);
    const std::vector<videos::RankedVideo> trending = co_await videos_.trending(kSectionItems);
    for (const auto& v : trending) parts.trending_videos.push_back(video_json(v));
    co_return platform::core::serialize(parts_json(parts));
}

asio::awaitable<json::array> HomepageService::read_rails() {
    json::array rails;
    for (std::string_view type : kCategoryTypes) {
        json::array categories = co_await catalog_.category_rail(std::string(type));
        rails.push_back(category_rail(type, std::move(categories)));
    }
    co_return rails;
}

asio::awaitable<std::shared_ptr<const CachedReply>> HomepageService::public_sections_reply() {
    const auto read = [this] { return read_public_sections_reply(); };
    co_return co_await sections_cache_.get("", read);
}

asio::awaitable<std::shared_ptr<const CachedReply>> HomepageService::read_public_sections_reply() {
    const auto parts = co_await public_parts();
    co_return reply_of(json::object{{"sections", assemble_sections(*parts)}});
}

asio::awaitable<std::string> HomepageService::sections(std::optional<std::string> user_id,
                                                       std::optional<catalog::Point> near) {
    const auto public_reply = co_await public_sections_reply();
    std::optional<json::array> nearby;
    if (near) {
        catalog::StoreQuery query{
            .near = near, .within_km = 5.0, .sort = catalog::StoreSort::distance, .limit = kSectionItems};
        json::value page = co_await catalog_.stores(std::move(query), catalog::Shape{});
        nearby = std::move(page.as_object()["items"].as_array());
    }
    std::optional<json::array> projects;
    if (user_id) {
        const earn::ListFilter filter{.limit = kSectionItems};
        const earn::Page<earn::Project> page = co_await earn_.available(*user_id, filter);
        projects.emplace();
        for (const auto& p : page.items) projects->push_back(earn::project_json(p));
    }
    co_return with_caller_sections(public_reply->body, std::move(nearby), std::move(projects));
}

asio::awaitable<std::shared_ptr<const CachedReply>> HomepageService::categories_reply() {
    const auto read = [this] { return read_categories_reply(); };
    co_return co_await categories_cache_.get("", read);
}

asio::awaitable<std::shared_ptr<const CachedReply>> HomepageService::read_categories_reply() {
    const SharedCopies::Build build = [this] { return categories_text(); };
    std::string text = co_await copies_.text("categories", kSectionsTtl, build);
    co_return reply_of_text(std::move(text));
}

asio::awaitable<std::string> HomepageService::categories_text() {
    json::array rails = co_await read_rails();
    co_return platform::core::serialize(json::object{{"rails", std::move(rails)}});
}

// ---- banners ----

void HomepageService::banners_changed() { events_.publish(platform::realtime::data_changed("banners")); }

asio::awaitable<Banner> HomepageService::create_banner(BannerInput input) {
    const std::string id = platform::core::ObjectId::generate().to_string();
    Banner created = co_await repo_.insert(id, input);
    banners_changed();
    co_return created;
}

asio::awaitable<Banner> HomepageService::replace_banner(std::string id, BannerInput input) {
    std::optional<Banner> replaced;
    if (platform::core::ObjectId::is_valid(id)) replaced = co_await repo_.replace(id, input);
    if (!replaced) throw no_banner();
    banners_changed();
    co_return std::move(*replaced);
}

asio::awaitable<void> HomepageService::delete_banner(std::string id) {
    bool removed = false;
    if (platform::core::ObjectId::is_valid(id)) removed = co_await repo_.remove(id);
    if (!removed) throw no_banner();
    banners_changed();
}

asio::awaitable<Banner> HomepageService::banner(std::string id) {
    std::optional<Banner> found;
    if (platform::core::ObjectId::is_valid(id)) found = co_await repo_.find(id);
    if (!found) throw no_banner();
    co_return std::move(*found);
}

asio::awaitable<BannerPage> HomepageService::banners(std::optional<std::string> cursor, int limit) {
    std::optional<platform::core::CreatedAtPosition> after;
    if (cursor) {
        after = platform::core::decode_cursor(*cursor);
        if (!after) throw ApiError::invalid_field("cursor", "is not a cursor from this list");
    }
    BannerPage page;
    page.items = co_await repo_.page(after, limit + 1);
    if (page.items.size() > static_cast<std::size_t>(limit)) {
        page.items.resize(static_cast<std::size_t>(limit));
        const Banner& last = page.items.back();
        page.next_cursor = platform::core::encode_cursor({last.created_at, last.id});
    }
    co_return page;
}

}  // namespace superapp::features::homepage
