#include "features/videos/demo_data.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <limits>
#include <string_view>

#include "features/catalog/demo_data.hpp"
#include "features/media/demo_files.hpp"
#include "features/users/demo_data.hpp"
#include "features/videos/repository.hpp"
#include "platform/core/blocking.hpp"

namespace superapp::features::videos::demo {

namespace asio = boost::asio;
using platform::db::named_query;

namespace {

struct DemoVideo {
    std::string_view title;
    std::string_view description;
    std::array<std::string_view, 2> tags;
};

constexpr DemoVideo kVideos[] = {
    {"Five looks in a minute", "Quick outfit changes for the week.", {"style", "quick"}},
    {"What I bought this month", "An honest haul, with prices.", {"haul", "review"}},
};
constexpr std::size_t kProductsPerVideo = 2;

const std::string_view kComments[] = {"Love this!", "Where can I buy the second one?"};

// The catalog category whose products the videos of a video category show, and their colour; a
// video category not listed shows the first catalog category's products.
struct Shop {
    std::string_view video_category;
    std::string_view catalog_category;
    media::Rgb colour;
};
constexpr Shop kShops[] = {
    {"trending_me", "electronics", {0x2d, 0x6c, 0xdf}}, {"trending_her", "fashion", {0xe8, 0x4a, 0x8a}},
    {"waist", "groceries", {0x2e, 0xa0, 0x6b}},         {"beauty", "spa-and-salon", {0xb0, 0x6a, 0xd9}},
    {"fashion", "fashion", {0xf2, 0x8c, 0x28}},         {"food", "food-delivery", {0xd9, 0x48, 0x3b}},
};

const Shop& shop_of(std::string_view category) {
    for (const Shop& s : kShops) {
        if (s.video_category == category) return s;
    }
    return kShops[0];
}

// Demo ids: fixed, so that a second run finds them taken and adds nothing.
std::string demo_id(char kind, std::size_t index) {
    char out[25];
    std::snprintf(out, sizeof out, "64b7f0a1c2d3e4f5a6b7%c%03zx", kind, index);
    return out;
}

}  // namespace

asio::awaitable<bool> has_data(platform::db::Database& db) {
    const auto result = co_await db.query(named_query("videos.any_exists"));
    co_return result[0].get<bool>("any");
}

asio::awaitable<long> load(platform::db::Database& db, std::filesystem::path upload_dir) {
    VideosRepository repo(db);
    const std::string user(users::demo::kUserId);
    const std::string admin(users::demo::kAdminId);
    long rows = 0;
    const std::vector<Category> categories = co_await repo.categories();
    for (std::size_t c = 0; c < categories.size(); ++c) {
        const Category& category = categories[c];
        const Shop& shop = shop_of(category.slug);
        const std::vector<std::string> products = co_await catalog::demo::product_ids(
            db, std::string(shop.catalog_category), static_cast<int>(std::size(kVideos) * kProductsPerVideo));
        for (std::size_t i = 0; i < std::size(kVideos); ++i) {
            const DemoVideo& d = kVideos[i];
            const std::string key = "video " + category.slug + " " + std::to_string(i + 1);
            const media::Rgb colour = shop.colour;
            const media::demo::DemoClip clip = co_await platform::core::run_blocking(
                [&upload_dir, &key, colour] { return media::demo::sample_clip(upload_dir, key, colour); });
            std::vector<std::string> linked;
            for (std::size_t p = i * kProductsPerVideo; p < std::min(products.size(), (i + 1) * kProductsPerVideo);
                 ++p) {
                linked.push_back(products[p]);
            }
            NewVideo v{demo_id('d', c * std::size(kVideos) + i),
                       std::string(d.title),
                       std::string(d.description),
                       std::string(users::demo::kMerchantId),
                       category.slug,
                       clip.video_url,
                       clip.thumbnail_url,
                       {std::string(d.tags[0]), std::string(d.tags[1]), category.slug},
                       std::move(linked),
                       clip.duration_seconds,
                       i == 0};
            const auto inserted = co_await repo.insert(v);
            if (!inserted) continue;  // seeded before
            const Video& video = *inserted;
            co_await repo.toggle_like(video.id, user);
            if (i == 0) co_await repo.toggle_like(video.id, admin);
            const std::vector<std::string> user_viewer(1, "user:" + user);
            const std::vector<std::string> admin_viewer(1, "user:" + admin);
            co_await repo.view(video.id, user_viewer);
            co_await repo.view(video.id, admin_viewer);
            const Comment comment{
                demo_id('f', c * std::size(kVideos) + i), video.id, user, std::string(kComments[i]), {}};
            co_await repo.add_comment(comment, platform::core::Timestamp{}, std::numeric_limits<int>::max());
            rows += i == 0 ? 7 : 5;
        }
    }
    co_return rows;
}

}  // namespace superapp::features::videos::demo
