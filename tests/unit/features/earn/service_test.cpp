// EarnService against a real PostgreSQL (TEST_DATABASE_URL): the events it publishes after commit.
#include "features/earn/service.hpp"

#include <gtest/gtest.h>

#include <mutex>

#include "../../platform/db/db_test_support.hpp"
#include "features/earn/json.hpp"
#include "platform/db/migrations.hpp"

namespace superapp::features::earn {
namespace {

namespace asio = boost::asio;
using platform::db::Database;
using platform::db::test_support::ScratchDatabase;
using platform::realtime::Event;

constexpr const char* kAdminId = "65a1f0c2e4b0a1b2c3d4e501";
constexpr const char* kUserId = "65a1f0c2e4b0a1b2c3d4e502";

class RecordingPublisher final : public platform::realtime::EventPublisher {
  public:
    void publish(Event event) override {
        std::lock_guard lock(mutex_);
        events_.push_back(std::move(event));
    }
    std::vector<Event> events() {
        std::lock_guard lock(mutex_);
        return events_;
    }

  private:
    std::mutex mutex_;
    std::vector<Event> events_;
};

// The services EarnService needs, on a migrated scratch database with an admin.
struct World {
    explicit World(const std::string& conninfo)
        : db(platform::db::PoolOptions{.conninfo = conninfo, .max_connections = 2}, ctx),
          media(media::MediaSettings{}),
          users(db),
          catalog(db, media, events),
          notifications(db, users, events),
          earn(db, users, catalog, media, notifications, events, EarnSettings{}) {}

    asio::io_context ctx;
    Database db;
    RecordingPublisher events;
    media::MediaService media;
    users::UsersService users;
    catalog::CatalogService catalog;
    notifications::NotificationsService notifications;
    EarnService earn;
};

asio::awaitable<void> prepare(Database& db) {
    co_await platform::db::migrations::apply_pending(db);
    co_await db.execute(
        "INSERT INTO users (id, phone_number, role) VALUES ($1, '+919999970001', 'admin'), ($2, '+919999970002', "
        "'user')",
        std::string(kAdminId), std::string(kUserId));
}

ProjectChanges new_project(std::optional<std::string> status) {
    ProjectChanges c;
    c.title = "Review the app";
    c.description = "Tell us what you think.";
    c.category = "review";
    c.type = "text";
    c.reward = Money::from_paise(5000);
    c.total_budget = Money::from_paise(50000);
    c.expiry_date = platform::core::now() + std::chrono::hours(24);
    c.status = std::move(status);
    return c;
}

asio::awaitable<std::pair<Project, Project>> create_two(World& w) {
    co_await prepare(w.db);
    Project active = co_await w.earn.create_project(kAdminId, new_project(std::nullopt));
    Project paused = co_await w.earn.create_project(kAdminId, new_project("paused"));
    co_await w.db.close();
    co_return std::pair{std::move(active), std::move(paused)};
}

TEST(EarnServiceEvents, AnActiveNewProjectIsAnnouncedToEveryoneAfterCommit) {
    REQUIRE_TEST_DATABASE(server);
    ScratchDatabase scratch(server);
    World w(scratch.conninfo());
    const auto [active, paused] = platform::db::test_support::run(w.ctx, create_two(w));
    EXPECT_EQ(paused.status, "paused");
    const auto events = w.events.events();
    ASSERT_EQ(events.size(), 1u) << "a paused project is not announced";
    EXPECT_EQ(events[0].name, "new_project");
    EXPECT_EQ(events[0].rooms, std::vector<std::string>{platform::realtime::kEveryone});
    EXPECT_EQ(events[0].data, boost::json::value(project_json(active)));
}

asio::awaitable<std::pair<Completion, Completion>> approve_one_reject_one(World& w) {
    co_await prepare(w.db);
    ProjectChanges changes = new_project(std::nullopt);
    changes.type = "rating";
    changes.max_completions = 2;
    const Project p = co_await w.earn.create_project(kAdminId, changes);
    const Completion first = co_await w.earn.submit(kUserId, p.id, Submission{.rating = 5});
    Completion approved = co_await w.earn.review(kAdminId, first.id, true, std::nullopt);
    const Completion second = co_await w.earn.submit(kUserId, p.id, Submission{.rating = 1});
    Completion rejected = co_await w.earn.review(kAdminId, second.id, false, std::string("Too harsh"));
    co_await w.db.close();
    co_return std::pair{std::move(approved), std::move(rejected)};
}

TEST(EarnServiceEvents, AReviewSendsTheUserTheirNotificationAndAnApprovalTheirWallet) {
    REQUIRE_TEST_DATABASE(server);
    ScratchDatabase scratch(server);
    World w(scratch.conninfo());
    const auto [approved, rejected] = platform::db::test_support::run(w.ctx, approve_one_reject_one(w));
    EXPECT_EQ(approved.payout, Money::from_paise(5000));
    EXPECT_EQ(rejected.reason, "Too harsh");
    const auto events = w.events.events();
    ASSERT_EQ(events.size(), 4u);  // new_project, then the approval's two, then the rejection's one
    const std::vector<std::string> user_room{std::string("user:") + kUserId};
    EXPECT_EQ(events[1].name, "wallet_update");
    EXPECT_EQ(events[1].rooms, user_room);
    EXPECT_EQ(events[1].data.at("balance"), boost::json::value(50));
    EXPECT_EQ(events[1].data.at("transaction").at("type"), "earning");
    EXPECT_EQ(events[2].name, "new_notification");
    EXPECT_EQ(events[2].rooms, user_room);
    EXPECT_EQ(events[2].data.at("category"), "earning");
    EXPECT_EQ(events[2].data.at("data").at("completionId"), boost::json::value(approved.id));
    EXPECT_EQ(events[3].name, "new_notification");
    EXPECT_EQ(events[3].data.at("type"), "warning");
}

}  // namespace
}  // namespace superapp::features::earn
