#include "features/earn/rules.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>

namespace superapp::features::earn {
namespace {

using namespace std::chrono;

Timestamp at(const char* iso) { return *platform::core::parse_iso8601(iso); }

Project active_project() {
    Project p;
    p.id = "65a1f0c2e4b0a1b2c3d4e5f6";
    p.type = "text";
    p.status = "active";
    p.reward = Money::from_paise(5000);
    p.payout = Money::from_paise(5000);
    p.total_budget = Money::from_paise(50000);
    p.max_completions = 2;
    p.expiry_date = at("2030-01-01T00:00:00Z");
    return p;
}

const Timestamp kNow = at("2026-11-25T10:00:00Z");

// An uploaded file (check_submission only looks at whether there is one).
std::shared_ptr<platform::core::TempFile> a_file() {
    return std::make_shared<platform::core::TempFile>(
        platform::core::TempFile::create(std::filesystem::temp_directory_path() / "earn-rules-test"));
}

std::vector<std::string> fields(const std::vector<platform::core::FieldError>& errors) {
    std::vector<std::string> out;
    for (const auto& e : errors) out.push_back(e.field);
    std::sort(out.begin(), out.end());
    return out;
}

TEST(EarnRewardPayout, MultipliesTheRewardAndRoundsHalfUpToThePaisa) {
    EXPECT_EQ(reward_payout(Money::from_paise(5000), 10000), Money::from_paise(5000));
    EXPECT_EQ(reward_payout(Money::from_paise(5000), 15000), Money::from_paise(7500));
    // 33.33 x 1.5 = 49.995 -> 50.00; 33.33 x 1.4999 = 49.9916... -> 49.99
    EXPECT_EQ(reward_payout(Money::from_paise(3333), 15000), Money::from_paise(5000));
    EXPECT_EQ(reward_payout(Money::from_paise(3333), 14999), Money::from_paise(4999));
    // 0.01 x 0.5 = 0.005 -> 0.01 (half up); 0.01 x 0.4999 -> 0.00
    EXPECT_EQ(reward_payout(Money::from_paise(1), 5000), Money::from_paise(1));
    EXPECT_EQ(reward_payout(Money::from_paise(1), 4999), Money::from_paise(0));
}

TEST(EarnMultiplier, AcceptsUpToFourDecimalsAboveZeroAndAtMostTen) {
    EXPECT_EQ(multiplier_bp(1), 10000);
    EXPECT_EQ(multiplier_bp(1.5), 15000);
    EXPECT_EQ(multiplier_bp(1.2345), 12345);
    EXPECT_EQ(multiplier_bp(0.0001), 1);
    EXPECT_EQ(multiplier_bp(10), 100000);
    EXPECT_FALSE(multiplier_bp(0));
    EXPECT_FALSE(multiplier_bp(-1));
    EXPECT_FALSE(multiplier_bp(10.0001));
    EXPECT_FALSE(multiplier_bp(1.23456));
    EXPECT_FALSE(multiplier_bp(0.00004));
    EXPECT_EQ(multiplier_json(15000).as_double(), 1.5);
    EXPECT_EQ(multiplier_json(20000), boost::json::value(2));
}

TEST(EarnWords, CountsRunsOfNonSpace) {
    EXPECT_EQ(count_words(""), 0u);
    EXPECT_EQ(count_words("   \n\t"), 0u);
    EXPECT_EQ(count_words("one"), 1u);
    EXPECT_EQ(count_words("  two  words\n"), 2u);
    EXPECT_EQ(count_words("a\tb\nc  d"), 4u);
}

TEST(EarnLinks, OnlyHttpsUrlsWithAHost) {
    EXPECT_TRUE(is_https_url("https://example.com/post/1"));
    EXPECT_TRUE(is_https_url("HTTPS://example.com"));
    EXPECT_FALSE(is_https_url("http://example.com"));
    EXPECT_FALSE(is_https_url("https://"));
    EXPECT_FALSE(is_https_url("javascript:alert(1)"));
    EXPECT_FALSE(is_https_url("example.com"));
}

TEST(EarnRefusal, NoneForAnActiveProjectTheUserCanDo) {
    EXPECT_FALSE(refusal(active_project(), {}, std::nullopt, kNow));
    EXPECT_FALSE(refusal(active_project(), {.pending = 0, .approved = 1}, std::nullopt, kNow));
}

TEST(EarnRefusal, SaysWhyInTheOrderTheUserCanActOn) {
    Project p = active_project();
    p.expiry_date = kNow;
    EXPECT_EQ(refusal(p, {}, std::nullopt, kNow)->code, "PROJECT_EXPIRED");
    p = active_project();
    p.reserved = Money::from_paise(45001);  // 49.99 left for a 50.00 reward
    EXPECT_EQ(refusal(p, {}, std::nullopt, kNow)->code, "BUDGET_EXHAUSTED");
    p.status = "completed";
    EXPECT_EQ(refusal(p, {}, std::nullopt, kNow)->code, "BUDGET_EXHAUSTED");
    p = active_project();
    p.status = "paused";
    EXPECT_EQ(refusal(p, {}, std::nullopt, kNow)->code, "PROJECT_NOT_ACTIVE");
    p = active_project();
    EXPECT_EQ(refusal(p, {.pending = 1, .approved = 0}, std::nullopt, kNow)->code, "SUBMISSION_PENDING");
    EXPECT_EQ(refusal(p, {.pending = 0, .approved = 2}, std::nullopt, kNow)->code, "MAX_COMPLETIONS_REACHED");
}

TEST(EarnRefusal, MatchesTheLocationAgainstTheUsersCityIgnoringCase) {
    Project p = active_project();
    p.requirements.location = "Pune";
    EXPECT_FALSE(refusal(p, {}, std::string("pUNE "), kNow));
    EXPECT_EQ(refusal(p, {}, std::string("Mumbai"), kNow)->code, "LOCATION_MISMATCH");
    EXPECT_EQ(refusal(p, {}, std::nullopt, kNow)->code, "LOCATION_MISMATCH");
}

TEST(EarnCheckProject, NamesEveryRuleAcrossFieldsThatFails) {
    Project p = active_project();
    EXPECT_TRUE(check_project(p).empty());
    p.type = "rating";
    p.requirements.min_words = 10;
    p.requirements.min_duration = 30;
    p.total_budget = Money::from_paise(4999);
    EXPECT_EQ(fields(check_project(p)),
              (std::vector<std::string>{"limits.totalBudget", "requirements.minDuration", "requirements.minWords"}));
}

TEST(EarnCheckProject, OneRewardPaysAtLeastAPaisa) {
    Project p = active_project();
    p.reward = Money::from_paise(1);
    p.bonus_multiplier_bp = 4999;
    p.payout = reward_payout(p.reward, p.bonus_multiplier_bp);
    EXPECT_EQ(fields(check_project(p)), std::vector<std::string>{"reward.bonusMultiplier"});
}

TEST(EarnCheckProject, TheBudgetCoversWhatIsReserved) {
    Project p = active_project();
    p.reserved = Money::from_paise(20000);
    p.total_budget = Money::from_paise(15000);
    EXPECT_EQ(fields(check_project(p)), std::vector<std::string>{"limits.totalBudget"});
}

TEST(EarnStatusAfterEdit, PausedWinsThenExpiryThenBudget) {
    Project p = active_project();
    EXPECT_EQ(status_after_edit(p, std::nullopt, kNow), "active");
    EXPECT_EQ(status_after_edit(p, std::string("paused"), kNow), "paused");
    p.status = "paused";
    EXPECT_EQ(status_after_edit(p, std::nullopt, kNow), "paused");
    EXPECT_EQ(status_after_edit(p, std::string("active"), kNow), "active");
    p.status = "completed";
    EXPECT_EQ(status_after_edit(p, std::nullopt, kNow), "active") << "a raised budget reopens it";
    p.reserved = p.total_budget;
    EXPECT_EQ(status_after_edit(p, std::string("active"), kNow), "completed");
    p.expiry_date = kNow;
    EXPECT_EQ(status_after_edit(p, std::string("active"), kNow), "expired");
}

TEST(EarnCheckSubmission, AsksForWhatTheProjectsTypeNeeds) {
    Project p = active_project();
    p.requirements.min_words = 3;
    EXPECT_TRUE(check_submission(p, {.content = "one two three"}).empty());
    EXPECT_EQ(fields(check_submission(p, {.content = "one two", .rating = 4, .file = a_file()})),
              (std::vector<std::string>{"content", "file", "rating"}));
    p.type = "rating";
    EXPECT_TRUE(check_submission(p, {.rating = 5}).empty());
    EXPECT_EQ(fields(check_submission(p, {})), std::vector<std::string>{"rating"});
    p.type = "link";
    EXPECT_TRUE(check_submission(p, {.content = "https://example.com/p"}).empty());
    EXPECT_EQ(fields(check_submission(p, {.content = "http://example.com/p"})), std::vector<std::string>{"content"});
    p.type = "image";
    EXPECT_TRUE(check_submission(p, {.content = "a caption", .file = a_file()}).empty());
    EXPECT_EQ(fields(check_submission(p, {.content = "no file"})), std::vector<std::string>{"file"});
}

TEST(EarnIstMonths, StartAtMidnightInIndia) {
    // 2026-11-30T20:00Z is 1 December 01:30 in India.
    const IstMonths december = ist_months(at("2026-11-30T20:00:00Z"));
    EXPECT_EQ(december.this_month, at("2026-11-30T18:30:00Z"));
    EXPECT_EQ(december.last_month, at("2026-10-31T18:30:00Z"));
    const IstMonths january = ist_months(at("2027-01-15T00:00:00Z"));
    EXPECT_EQ(january.this_month, at("2026-12-31T18:30:00Z"));
    EXPECT_EQ(january.last_month, at("2026-11-30T18:30:00Z"));
    const IstMonths before_midnight = ist_months(at("2026-11-30T18:29:59Z"));
    EXPECT_EQ(before_midnight.this_month, at("2026-10-31T18:30:00Z"));
}

}  // namespace
}  // namespace superapp::features::earn
