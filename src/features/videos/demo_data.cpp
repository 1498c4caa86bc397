#include "features/videos/demo_data.hpp"

#include <array>
#include <limits>
#include <string_view>

#include "features/users/demo_data.hpp"
#include "features/videos/repository.hpp"
#include "platform/core/object_id.hpp"

namespace superapp::features::videos::demo {

namespace asio = boost::asio;
using platform::db::named_query;

namespace {

constexpr std::string_view kPlaceholderPrefix = "https://example.com/demo-videos/";

struct DemoVideo {
    std::string_view title;
    std::string_view description;
    std::array<std::string_view, 2> tags;
    int duration_seconds;
};

constexpr DemoVideo kVideos[] = {
    {"Five looks in a minute", "Quick outfit changes for the week.", {"style", "quick"}, 58},
    {"What I bought this month", "An honest haul, with prices.", {"haul", "review"}, 95},
};

const std::string_view kComments[] = {"Love this!", "Where can I buy the second one?"};

}  // namespace

asio::awaitable<bool> has_data(platform::db::Database& db) {
    const auto result = co_await db.query(named_query("videos.any_exists"));
    co_return result[0].get<bool>("any");
}

asio::awaitable<long> load(platform::db::Database& db) {
    VideosRepository repo(db);
    const std::string user(users::demo::kUserId);
    const std::string admin(users::demo::kAdminId);
    long rows = 0;
    const std::vector<Category> categories = co_await repo.categories();
    for (const Category& c : categories) {
        for (std::size_t i = 0; i < std::size(kVideos); ++i) {
            const DemoVideo& d = kVideos[i];
            NewVideo v{platform::core::ObjectId::generate().to_string(),
                       std::string(d.title),
                       std::string(d.description),
                       std::string(users::demo::kMerchantId),
                       c.slug,
                       std::string(kPlaceholderPrefix) + c.slug + "-" + std::to_string(i + 1) + ".mp4",
                       std::nullopt,
                       {std::string(d.tags[0]), std::string(d.tags[1]), c.slug},
                       {},
                       d.duration_seconds,
                       i == 0};
            const Video video = co_await repo.insert(v);
            co_await repo.toggle_like(video.id, user);
            if (i == 0) co_await repo.toggle_like(video.id, admin);
            co_await repo.view(video.id, "user:" + user);
            co_await repo.view(video.id, "user:" + admin);
            const Comment comment{
                platform::core::ObjectId::generate().to_string(), video.id, user, std::string(kComments[i]), {}};
            co_await repo.add_comment(comment, platform::core::Timestamp{}, std::numeric_limits<int>::max());
            rows += i == 0 ? 7 : 5;
        }
    }
    co_return rows;
}

}  // namespace superapp::features::videos::demo
