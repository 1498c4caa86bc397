// GET /homepage/recommendations: candidates from the categories the user prefers, ordered from
// and saw in liked videos, scored by scoring.hpp; the best sellers when there is no history.
#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <unordered_set>

#include "features/homepage/scoring.hpp"
#include "features/homepage/service.hpp"

namespace superapp::features::homepage {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

/// How many purchases and likes the taste is read from, and how many categories give candidates.
constexpr int kPurchasesRead = 200;
constexpr int kLikesRead = 50;
constexpr std::size_t kCandidateCategories = 5;

struct Candidate {
    const catalog::Product* product;
    double score;
    Reason reason;
};

double days_since(platform::core::Timestamp t) {
    return std::chrono::duration<double, std::ratio<86400>>(platform::core::now() - t).count();
}

}  // namespace

asio::awaitable<json::value> HomepageService::recommendations(std::string user_id, int limit) {
    const auto user = co_await users_.user(user_id);
    const std::vector<orders::Purchase> purchases = co_await orders_.purchases(user_id, kPurchasesRead);
    const videos::LikedTaste liked = co_await videos_.liked_by(user_id, kLikesRead);

    std::unordered_set<std::string> bought;
    std::vector<std::string> known_ids = liked.product_ids;
    for (const auto& p : purchases) {
        bought.insert(p.product_id);
        known_ids.push_back(p.product_id);
    }
    const std::vector<catalog::Product> known = co_await catalog_.products_by_ids(std::move(known_ids));
    std::unordered_map<std::string, std::string> category_of;
    for (const auto& p : known) category_of.emplace(p.id, p.category_id);

    Taste taste;
    if (user) taste.preferred_categories = user->preferred_categories;
    for (const auto& p : purchases) {
        if (auto it = category_of.find(p.product_id); it != category_of.end()) {
            taste.ordered_categories.emplace_back(it->second, days_since(p.last_ordered_at));
        }
    }
    for (const auto& id : liked.product_ids) {
        if (auto it = category_of.find(id); it != category_of.end()) taste.liked_categories.push_back(it->second);
    }
    const std::vector<CategoryWeight> weights = category_weights(taste);

    // Enough of each list that `limit` remain once bought products are left out.
    const int fetch = std::min(100, limit + static_cast<int>(bought.size()));
    std::vector<std::vector<catalog::Product>> lists;
    std::vector<const CategoryWeight*> list_weight;
    for (std::size_t i = 0; i < weights.size() && i < kCandidateCategories; ++i) {
        std::vector<std::string> category(1, weights[i].category_id);
        std::vector<catalog::Product> list = co_await catalog_.popular_products(std::move(category), fetch);
        lists.push_back(std::move(list));
        list_weight.push_back(&weights[i]);
    }
    std::vector<catalog::Product> popular = co_await catalog_.popular_products(std::vector<std::string>(), fetch);
    lists.push_back(std::move(popular));  // the popular fallback, and a top-up
    list_weight.push_back(nullptr);

    std::vector<Candidate> candidates;
    std::unordered_set<std::string> seen = bought;
    std::size_t personal = 0;
    for (std::size_t l = 0; l < lists.size(); ++l) {
        const CategoryWeight* w = list_weight[l];
        if (!w && personal >= static_cast<std::size_t>(limit)) break;  // no top-up needed
        for (const auto& p : lists[l]) {
            if (!seen.insert(p.id).second) continue;
            const double pop = popularity(p.sold_count, p.rating_average);
            candidates.push_back({&p, recommendation_score(w ? w->weight : 0, pop), w ? w->reason : Reason::popular});
            if (w) ++personal;
        }
    }
    // The user's own categories first; the best sellers only fill up after them.
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        const bool a_popular = a.reason == Reason::popular, b_popular = b.reason == Reason::popular;
        if (a_popular != b_popular) return b_popular;
        return a.score != b.score ? a.score > b.score : a.product->id < b.product->id;
    });
    if (candidates.size() > static_cast<std::size_t>(limit)) candidates.resize(static_cast<std::size_t>(limit));

    json::array items;
    for (const auto& c : candidates) {
        items.push_back(json::object{
            {"product", catalog::product_json(*c.product)}, {"score", c.score}, {"reason", reason_name(c.reason)}});
    }
    const std::string_view basis = weights.empty() ? "popular" : "personal";
    co_return json::object{{"items", std::move(items)}, {"nextCursor", nullptr}, {"basis", basis}};
}

}  // namespace superapp::features::homepage
