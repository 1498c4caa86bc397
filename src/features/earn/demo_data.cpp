#include "features/earn/demo_data.hpp"

#include <chrono>
#include <string_view>

#include "features/earn/repository.hpp"
#include "features/earn/review.hpp"
#include "features/earn/service.hpp"
#include "features/users/demo_data.hpp"

namespace superapp::features::earn::demo {

namespace asio = boost::asio;
using platform::db::named_query;

namespace {

struct DemoProject {
    std::string_view id, title, description, category, type;
    int min_words;              // 0: none
    std::string_view location;  // "": anywhere
    std::int64_t reward_paise;
    int multiplier_bp;
    int max_completions;
    std::int64_t budget_paise;
    int days_left;
    std::string_view status;
};

constexpr DemoProject kProjects[] = {
    {"64b7f0a1c2d3e4f5a6b7e001", "Review a product you bought", "Write an honest review of something you ordered.",
     "review", "text", 30, "", 5000, 10000, 3, 500000, 60, "active"},
    {"64b7f0a1c2d3e4f5a6b7e002", "Rate your last delivery", "How quick and careful was it?", "feedback", "rating", 0,
     "", 1000, 10000, 5, 200000, 30, "active"},
    {"64b7f0a1c2d3e4f5a6b7e003", "Share the festive offer", "Post the offer on your social media and send the link.",
     "social_share", "link", 0, "", 2500, 15000, 1, 250000, 20, "active"},
    {"64b7f0a1c2d3e4f5a6b7e004", "Unboxing video", "Film yourself opening your order (at least 30 seconds).",
     "ugc_content", "video", 0, "", 20000, 12500, 1, 1000000, 45, "active"},
    {"64b7f0a1c2d3e4f5a6b7e005", "Photo of your favourite store", "A clear photo of its front, with the sign.",
     "ugc_content", "image", 0, "Chennai", 3000, 10000, 2, 300000, 30, "active"},
    {"64b7f0a1c2d3e4f5a6b7e006", "How do you shop?", "Tell us how you shop for groceries each week.", "survey", "text",
     50, "", 4000, 10000, 1, 400000, 90, "active"},
    {"64b7f0a1c2d3e4f5a6b7e007", "Mumbai cafe review", "Review a cafe in Mumbai you visited this month.", "review",
     "text", 40, "Mumbai", 6000, 10000, 2, 300000, 30, "active"},
    {"64b7f0a1c2d3e4f5a6b7e008", "Monsoon campaign", "Share the monsoon sale (starts soon).", "social_share", "link", 0,
     "", 2000, 10000, 1, 100000, 60, "paused"},
};

struct DemoCompletion {
    std::string_view id;
    std::size_t project;  // index in kProjects
    Submission submission;
    std::string_view decision;  // "", approved, rejected
    std::string_view reason;
};

const DemoCompletion kCompletions[] = {
    {"64b7f0a1c2d3e4f5a6b7e101",
     0,
     {.content = "The pressure cooker I ordered arrived well packed and two days early. It heats evenly, the lid "
                 "seals firmly and the whistle is not too loud. The handle stays cool. For the price it is a "
                 "very good buy and I would order from this store again."},
     "approved",
     ""},
    {"64b7f0a1c2d3e4f5a6b7e102", 1, {.rating = 5}, "approved", ""},
    {"64b7f0a1c2d3e4f5a6b7e103", 2, {.content = "https://example.com/ananya/posts/festive-offer"}, "", ""},
    {"64b7f0a1c2d3e4f5a6b7e104",
     5,
     {.content = "I shop once a week on Sunday mornings, mostly vegetables, milk and rice from the shop near home, "
                 "and order the rest online when there is an offer. I compare prices in two apps first."},
     "rejected",
     "Please write at least 50 words about your weekly shopping."},
};

Project demo_project(const DemoProject& d, platform::core::Timestamp now) {
    Project p;
    p.id = d.id;
    p.title = d.title;
    p.description = d.description;
    p.category = d.category;
    p.type = d.type;
    if (d.min_words > 0) p.requirements.min_words = d.min_words;
    if (!d.location.empty()) p.requirements.location = std::string(d.location);
    p.reward = Money::from_paise(d.reward_paise);
    p.bonus_multiplier_bp = d.multiplier_bp;
    p.payout = reward_payout(p.reward, p.bonus_multiplier_bp);
    p.max_completions = d.max_completions;
    p.total_budget = Money::from_paise(d.budget_paise);
    p.expiry_date = now + std::chrono::days(d.days_left);
    p.status = d.status;
    return p;
}

asio::awaitable<long> load_all(platform::db::Tx& tx) {
    const std::string admin(users::demo::kAdminId);
    const std::string user(users::demo::kUserId);
    const auto now = platform::core::now();
    std::vector<Project> projects;
    for (const DemoProject& d : kProjects) {
        auto inserted = co_await EarnRepository::insert_project(tx, demo_project(d, now), admin);
        // Taken: another `superapp seed` loaded the demo at the same time (it held the rows until
        // it committed).
        if (!inserted) co_return 0;
        projects.push_back(std::move(*inserted));
    }
    long rows = static_cast<long>(projects.size());
    for (const DemoCompletion& d : kCompletions) {
        NewCompletion c = new_completion(projects[d.project], user, d.submission);
        c.id = d.id;
        co_await EarnRepository::insert_completion(tx, c);
        ++rows;
        if (d.decision.empty()) continue;
        const std::optional<std::string> reason(d.reason);
        co_await review_in(tx, c.id, admin, d.decision == "approved", reason);
        rows += d.decision == "approved" ? 2 : 1;  // the ledger row, the notification
    }
    co_return rows;
}

}  // namespace

asio::awaitable<bool> has_data(platform::db::Database& db) {
    const auto result = co_await db.query(named_query("earn.any_exists"));
    co_return result[0].get<bool>("any");
}

asio::awaitable<long> load(platform::db::Database& db) { return db.transaction(load_all); }

}  // namespace superapp::features::earn::demo
