#include "features/homepage/scoring.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace superapp::features::homepage {

double decay(int age_days) {
    if (age_days < 0 || age_days >= kTrendingDays) return 0;
    return std::pow(0.5, age_days / 2.0);
}

Scores decayed_scores(const std::vector<DayFigure>& figures) {
    Scores scores;
    for (const DayFigure& f : figures) {
        const double part = f.weight * decay(f.age_days);
        if (part > 0) scores[f.id] += part;
    }
    return scores;
}

std::vector<std::pair<std::string, double>> top(const Scores& scores, std::size_t n) {
    std::vector<std::pair<std::string, double>> out;
    for (const auto& [id, score] : scores) {
        if (score > 0) out.emplace_back(id, score);
    }
    const auto better = [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    };
    const std::size_t keep = std::min(n, out.size());
    std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(keep), out.end(), better);
    out.resize(keep);
    return out;
}

const char* reason_name(Reason r) {
    switch (r) {
        case Reason::preferred_category: return "preferred_category";
        case Reason::past_orders: return "past_orders";
        case Reason::liked_videos: return "liked_videos";
        case Reason::popular: return "popular";
    }
    return "popular";
}

std::vector<CategoryWeight> category_weights(const Taste& taste) {
    // Per category, the weight each source gave it, in Reason order.
    std::map<std::string, std::array<double, 3>> parts;
    for (const auto& id : taste.preferred_categories) parts[id][0] += kPreferredWeight;
    for (const auto& [id, days] : taste.ordered_categories) {
        parts[id][1] += kOrderedWeight * std::pow(0.5, std::max(0.0, days) / kOrderHalfLifeDays);
    }
    for (const auto& id : taste.liked_categories) parts[id][2] += kLikedWeight;

    std::vector<CategoryWeight> out;
    for (const auto& [id, p] : parts) {
        const auto largest = std::max_element(p.begin(), p.end()) - p.begin();
        out.push_back({id, p[0] + p[1] + p[2], static_cast<Reason>(largest)});
    }
    std::sort(out.begin(), out.end(), [](const CategoryWeight& a, const CategoryWeight& b) {
        return a.weight != b.weight ? a.weight > b.weight : a.category_id < b.category_id;
    });
    return out;
}

double popularity(std::int64_t sold_count, double rating_average) {
    return std::log10(1.0 + static_cast<double>(std::max<std::int64_t>(0, sold_count))) / 4.0 +
           std::clamp(rating_average, 0.0, 5.0) / 5.0;
}

double recommendation_score(double category_weight, double popularity) {
    if (category_weight <= 0) return popularity;
    return category_weight * (1.0 + popularity);
}

}  // namespace superapp::features::homepage
