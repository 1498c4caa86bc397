#include "features/homepage/scoring.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace superapp::features::homepage {
namespace {

TEST(TrendingDecay, HalvesEveryTwoDaysWithinTheWindow) {
    EXPECT_DOUBLE_EQ(decay(0), 1.0);
    EXPECT_DOUBLE_EQ(decay(1), std::sqrt(0.5));
    EXPECT_DOUBLE_EQ(decay(2), 0.5);
    EXPECT_DOUBLE_EQ(decay(4), 0.25);
    EXPECT_DOUBLE_EQ(decay(6), 0.125);
    EXPECT_EQ(decay(7), 0.0);   // outside the 7 days
    EXPECT_EQ(decay(-1), 0.0);  // a clock skew is not a boost
}

TEST(TrendingScores, SumEachIdsFiguresDecayed) {
    const Scores s = decayed_scores({{"a", 0, 2}, {"a", 2, 4}, {"b", 6, 8}, {"c", 9, 100}});
    EXPECT_DOUBLE_EQ(s.at("a"), 2 * 1.0 + 4 * 0.5);
    EXPECT_DOUBLE_EQ(s.at("b"), 8 * 0.125);
    EXPECT_FALSE(s.contains("c"));
}

TEST(TrendingScores, TopOrdersByScoreThenId) {
    const Scores s{{"x", 1.0}, {"b", 3.0}, {"a", 3.0}, {"z", 0.0}};
    const auto best = top(s, 10);
    ASSERT_EQ(best.size(), 3u);  // z scored nothing
    EXPECT_EQ(best[0].first, "a");
    EXPECT_EQ(best[1].first, "b");
    EXPECT_EQ(best[2].first, "x");
    EXPECT_EQ(top(s, 1).size(), 1u);
}

TEST(RecommendationWeights, AddEachSourceAndNameTheLargest) {
    Taste t;
    t.preferred_categories = {"books"};
    t.ordered_categories = {{"shoes", 0.0}, {"shoes", 30.0}, {"books", 60.0}};
    t.liked_categories = {"toys"};
    const auto w = category_weights(t);
    ASSERT_EQ(w.size(), 3u);
    EXPECT_EQ(w[0].category_id, "books");  // 3 + 2 x 0.25
    EXPECT_DOUBLE_EQ(w[0].weight, kPreferredWeight + kOrderedWeight * 0.25);
    EXPECT_EQ(w[0].reason, Reason::preferred_category);
    EXPECT_EQ(w[1].category_id, "shoes");  // 2 + 2 x 0.5
    EXPECT_DOUBLE_EQ(w[1].weight, kOrderedWeight * 1.5);
    EXPECT_EQ(w[1].reason, Reason::past_orders);
    EXPECT_EQ(w[2].category_id, "toys");
    EXPECT_EQ(w[2].reason, Reason::liked_videos);
}

TEST(RecommendationWeights, NoneForANewUser) { EXPECT_TRUE(category_weights({}).empty()); }

TEST(RecommendationScore, WeighsPopularityByTheCategory) {
    EXPECT_DOUBLE_EQ(popularity(0, 0), 0.0);
    EXPECT_DOUBLE_EQ(popularity(9999, 5), 2.0);
    EXPECT_DOUBLE_EQ(recommendation_score(3, 0.5), 4.5);
    EXPECT_DOUBLE_EQ(recommendation_score(0, 0.5), 0.5);  // the popular fallback
}

}  // namespace
}  // namespace superapp::features::homepage
