#pragma once
// The homepage's ranking rules, pure: the time decay of trending figures and the scoring of
// recommendation candidates. The formulas are also written in the README and docs/openapi.yaml.
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace superapp::features::homepage {

/// Trending looks at this many UTC days, today (age 0) included.
inline constexpr int kTrendingDays = 7;
/// Trending weights: a unit sold counts 1, a review written 2, a point its shoppable videos drew
/// (a view 1, a like 3, a share 5, a comment 4) 0.1.
inline constexpr double kUnitWeight = 1.0;
inline constexpr double kReviewWeight = 2.0;
inline constexpr double kVideoPointWeight = 0.1;

/// 0.5^(age_days / 2): a day's figures count half as much two days later. Ages outside
/// [0, kTrendingDays) count 0.
double decay(int age_days);

/// One day's figure of something (a product's units sold, its reviews), already weighted.
struct DayFigure {
    std::string id;
    int age_days = 0;
    double weight = 0;
};

using Scores = std::unordered_map<std::string, double>;

/// Per id, the sum over its figures of weight x decay(age_days).
Scores decayed_scores(const std::vector<DayFigure>& figures);
/// The `n` best ids, highest score first, ties by id; scores of 0 or less are left out.
std::vector<std::pair<std::string, double>> top(const Scores& scores, std::size_t n);

/// Recommendation weights of a category: a preferred one, one the user ordered from (times the
/// order's recency decay), one of a product linked from a video they liked.
inline constexpr double kPreferredWeight = 3.0;
inline constexpr double kOrderedWeight = 2.0;
inline constexpr double kLikedWeight = 1.0;
/// A past order's weight halves every kOrderHalfLifeDays.
inline constexpr double kOrderHalfLifeDays = 30.0;

/// Why a category (and so a product) is recommended: the largest part of its weight.
enum class Reason { preferred_category, past_orders, liked_videos, popular };
const char* reason_name(Reason r);

/// What the recommendations know of a user.
struct Taste {
    std::vector<std::string> preferred_categories;
    /// The category of each product bought, with the days since it was last ordered.
    std::vector<std::pair<std::string, double>> ordered_categories;
    /// The category of each product linked from a liked video.
    std::vector<std::string> liked_categories;
};

struct CategoryWeight {
    std::string category_id;
    double weight = 0;
    Reason reason = Reason::popular;
};

/// Each category's summed weight (kPreferredWeight per preference, kOrderedWeight x
/// 0.5^(days/kOrderHalfLifeDays) per product bought, kLikedWeight per liked video's product),
/// highest first, ties by id; empty for a user with no history (the popular fallback).
std::vector<CategoryWeight> category_weights(const Taste& taste);

/// How much a product sells and is liked: log10(1 + sold) / 4 + rating / 5 (about 0..2).
double popularity(std::int64_t sold_count, double rating_average);
/// A candidate's score: its category's weight x (1 + popularity); a popular fallback's is its popularity.
double recommendation_score(double category_weight, double popularity);

}  // namespace superapp::features::homepage
