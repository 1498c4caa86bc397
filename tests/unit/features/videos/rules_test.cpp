#include "features/videos/rules.hpp"

#include <gtest/gtest.h>

#include "platform/core/base64.hpp"

namespace superapp::features::videos {
namespace {

Video video_at(std::int64_t micros, std::int64_t views, double score) {
    Video v;
    v.id = "65a1f0c2e4b0a1b2c3d4e5f6";
    v.created_at = Timestamp(std::chrono::microseconds(micros));
    v.engagement.views = views;
    v.trending_score = score;
    return v;
}

TEST(VideoSorts, ParseKnownNamesOnly) {
    EXPECT_EQ(parse_sort("newest"), Sort::newest);
    EXPECT_EQ(parse_sort("popular"), Sort::popular);
    EXPECT_EQ(parse_sort("trending"), Sort::trending);
    EXPECT_EQ(parse_sort("best"), std::nullopt);
    EXPECT_EQ(parse_sort(""), std::nullopt);
}

TEST(VideoListCursor, RoundTripsTheKeyOfEachSort) {
    const Video v = video_at(1732500000123456, 42, 0.1 + 0.2);
    const auto newest = parse_list_cursor(Sort::newest, list_cursor(Sort::newest, v));
    ASSERT_TRUE(newest);
    EXPECT_EQ(newest->key, "1732500000123456");
    EXPECT_EQ(newest->id, v.id);
    const auto popular = parse_list_cursor(Sort::popular, list_cursor(Sort::popular, v));
    ASSERT_TRUE(popular);
    EXPECT_EQ(popular->key, "42");
    const auto trending = parse_list_cursor(Sort::trending, list_cursor(Sort::trending, v));
    ASSERT_TRUE(trending);
    EXPECT_EQ(std::stod(trending->key), 0.1 + 0.2) << "the score reads back exactly";
}

TEST(VideoListCursor, RefusesAnotherSortsCursorAndForeignText) {
    const Video v = video_at(1, 2, 3.5);
    EXPECT_FALSE(parse_list_cursor(Sort::popular, list_cursor(Sort::newest, v)));
    EXPECT_FALSE(parse_list_cursor(Sort::newest, "not a cursor"));
    using platform::core::base64url_encode;
    EXPECT_FALSE(parse_list_cursor(Sort::newest, base64url_encode("newest|12|nothex")));
    EXPECT_FALSE(parse_list_cursor(Sort::newest, base64url_encode("newest|1.5|65a1f0c2e4b0a1b2c3d4e5f6")));
    EXPECT_FALSE(parse_list_cursor(Sort::trending, base64url_encode("trending|nan|65a1f0c2e4b0a1b2c3d4e5f6")));
    EXPECT_FALSE(parse_list_cursor(Sort::newest, base64url_encode("newest|65a1f0c2e4b0a1b2c3d4e5f6")));
}

TEST(VideoViewer, SignedInUserElseAWellFormedDevice) {
    EXPECT_EQ(viewer_key(std::string("abc"), "device-12345"), "user:abc");
    EXPECT_EQ(viewer_key(std::nullopt, "device-12345"), "device:device-12345");
    EXPECT_EQ(viewer_key(std::nullopt, ""), std::nullopt);
    EXPECT_EQ(viewer_key(std::nullopt, "short"), std::nullopt);
    EXPECT_EQ(viewer_key(std::nullopt, "has space in it"), std::nullopt);
    EXPECT_EQ(viewer_key(std::nullopt, std::string(129, 'a')), std::nullopt);
}

TEST(EngagementKeys, AUserAloneElseTheDeviceThenTheAddress) {
    using Keys = std::vector<std::string>;
    EXPECT_EQ(engagement_keys(std::string("user:abc"), "10.0.0.1"), (Keys{"user:abc"}));
    EXPECT_EQ(engagement_keys(std::string("device:d-12345"), "10.0.0.1"), (Keys{"device:d-12345", "address:10.0.0.1"}));
    EXPECT_EQ(engagement_keys(std::nullopt, "10.0.0.1"), (Keys{"address:10.0.0.1"}));
    EXPECT_EQ(engagement_keys(std::nullopt, ""), (Keys{"address:unknown"}));
}

TEST(CommentRate, CountsWhatIsLeftAndWhenTheOldestCommentLeavesTheWindow) {
    const Timestamp now(std::chrono::seconds(1'700'000'000));
    const auto empty = comment_rate({}, 5, now);
    EXPECT_EQ(empty.limit, 5);
    EXPECT_EQ(empty.remaining, 5);
    EXPECT_EQ(empty.reset.count(), 0);

    const auto two = comment_rate({2, now - std::chrono::milliseconds(20'500)}, 5, now);
    EXPECT_EQ(two.remaining, 3);
    EXPECT_EQ(two.reset.count(), 40) << "39.5 s rounds up";

    const auto full = comment_rate({7, now - std::chrono::seconds(59)}, 5, now);
    EXPECT_EQ(full.remaining, 0) << "never below 0";
    EXPECT_EQ(full.reset.count(), 1);

    const auto stale = comment_rate({1, now - std::chrono::seconds(90)}, 5, now);
    EXPECT_EQ(stale.reset.count(), 0) << "never negative";
}

}  // namespace
}  // namespace superapp::features::videos
