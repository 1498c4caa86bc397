// GET /homepage/trending: products and stores by their decayed sales, reviews and shoppable videos'
// engagement, videos by the score the videos feature keeps (scoring.hpp; the formulas are in the README).
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "features/homepage/json.hpp"
#include "features/homepage/scoring.hpp"
#include "features/homepage/service.hpp"
#include "platform/core/json.hpp"

namespace superapp::features::homepage {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

json::object scored(std::string_view key, json::object doc, double score) {
    return json::object{{"score", score}, {key, std::move(doc)}};
}

}  // namespace

asio::awaitable<std::shared_ptr<const CachedReply>> HomepageService::trending_reply(int limit) {
    const auto read = [this, limit] { return read_trending_reply(limit); };
    co_return co_await trending_cache_.get(std::to_string(limit), read);
}

asio::awaitable<std::shared_ptr<const CachedReply>> HomepageService::read_trending_reply(int limit) {
    const SharedCopies::Build build = [this, limit] { return trending_text(limit); };
    std::string text = co_await copies_.text(trending_part(limit), settings_.trending_ttl, build);
    co_return reply_of_text(std::move(text));
}

asio::awaitable<std::string> HomepageService::trending_text(int limit) {
    const json::value doc = co_await read_trending(limit);
    co_return platform::core::serialize(doc);
}

asio::awaitable<json::value> HomepageService::read_trending(int limit) {
    const auto n = static_cast<std::size_t>(limit);
    std::vector<DayFigure> figures;
    const std::vector<orders::DailySales> sales = co_await orders_.daily_sales(kTrendingDays);
    for (const auto& s : sales) {
        figures.push_back({s.product_id, s.age_days, kUnitWeight * static_cast<double>(s.units)});
    }
    const std::vector<catalog::DailyCount> reviews = co_await catalog_.daily_reviews(kTrendingDays);
    for (const auto& r : reviews) {
        figures.push_back({r.product_id, r.age_days, kReviewWeight * static_cast<double>(r.count)});
    }
    const std::vector<videos::ProductEngagement> engagement = co_await videos_.product_engagement(kTrendingDays);
    for (const auto& e : engagement) {
        figures.push_back({e.product_id, e.age_days, kVideoPointWeight * static_cast<double>(e.points)});
    }
    const Scores product_scores = decayed_scores(figures);

    std::vector<std::string> ids;
    ids.reserve(product_scores.size());
    for (const auto& [id, score] : product_scores) ids.push_back(id);
    const std::vector<catalog::Product> products = co_await catalog_.products_by_ids(std::move(ids));

    // Only active products rank; a store's score is the sum of its active products'.
    Scores active_scores, store_scores;
    std::unordered_map<std::string, const catalog::Product*> product_by_id;
    for (const auto& p : products) {
        const double score = product_scores.at(p.id);
        active_scores[p.id] = score;
        store_scores[p.store_id] += score;
        product_by_id[p.id] = &p;
    }
    json::array product_items;
    for (const auto& [id, score] : top(active_scores, n)) {
        product_items.push_back(scored("product", catalog::product_json(*product_by_id.at(id)), score));
    }

    const auto best_stores = top(store_scores, store_scores.size());
    std::vector<std::string> store_ids;
    for (const auto& [id, score] : best_stores) store_ids.push_back(id);
    const std::vector<catalog::Store> stores = co_await catalog_.stores_by_ids(std::move(store_ids));
    std::unordered_map<std::string, const catalog::Store*> store_by_id;
    for (const auto& s : stores) store_by_id[s.id] = &s;
    json::array store_items;
    for (const auto& [id, score] : best_stores) {
        if (store_items.size() == n) break;
        if (auto it = store_by_id.find(id); it != store_by_id.end()) {
            store_items.push_back(scored("store", catalog::store_json(*it->second), score));
        }
    }

    const std::vector<videos::RankedVideo> videos = co_await videos_.trending(limit);
    json::array video_items;
    for (const auto& v : videos) video_items.push_back(scored("video", video_json(v), v.trending_score));

    co_return json::object{{"windowDays", kTrendingDays},
                           {"products", std::move(product_items)},
                           {"stores", std::move(store_items)},
                           {"videos", std::move(video_items)}};
}

}  // namespace superapp::features::homepage
