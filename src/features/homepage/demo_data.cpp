#include "features/homepage/demo_data.hpp"

#include <string_view>

namespace superapp::features::homepage::demo {

namespace asio = boost::asio;
using platform::db::named_query;

namespace {

struct DemoBanner {
    std::string_view id, title, subtitle, image, link;
    int position;
};

constexpr DemoBanner kBanners[] = {
    {"64b7f0a1c2d3e4f5a6b7b001", "Festive sale", "Up to 50% off on home essentials",
     "https://images.superapp.example/banners/festive-sale.jpg", "superapp://categories/home-kitchen", 0},
    {"64b7f0a1c2d3e4f5a6b7b002", "Earn while you shop", "Review your orders and get paid to your wallet",
     "https://images.superapp.example/banners/earn.jpg", "superapp://earn", 1},
    {"64b7f0a1c2d3e4f5a6b7b003", "Free delivery weekend", "On orders above Rs 499 from partner stores",
     "https://images.superapp.example/banners/free-delivery.jpg", "superapp://stores?isPartner=true", 2},
    {"64b7f0a1c2d3e4f5a6b7b004", "Shop the videos", "Tap a video to buy what you see",
     "https://images.superapp.example/banners/videos.jpg", "superapp://videos?sort=trending", 3},
};

asio::awaitable<long> load_all(platform::db::Tx& tx) {
    long rows = 0;
    for (const DemoBanner& b : kBanners) {
        const std::string id(b.id), title(b.title), subtitle(b.subtitle), image(b.image), link(b.link);
        const auto result =
            co_await tx.query(named_query("homepage.demo_banner_insert"), id, title, subtitle, image, link, b.position);
        rows += static_cast<long>(result.size());
    }
    co_return rows;
}

}  // namespace

asio::awaitable<bool> has_data(platform::db::Database& db) {
    const auto result = co_await db.query(named_query("homepage.any_banner"));
    co_return result[0].get<bool>("any");
}

asio::awaitable<long> load(platform::db::Database& db) { return db.transaction(load_all); }

}  // namespace superapp::features::homepage::demo
