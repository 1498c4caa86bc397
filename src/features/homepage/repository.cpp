#include "features/homepage/repository.hpp"

namespace superapp::features::homepage {

namespace asio = boost::asio;
using platform::db::named_query;

namespace {

Banner from_row(const platform::db::Row& row) {
    Banner b;
    b.id = row.get<std::string>("id");
    b.input.title = row.get<std::string>("title");
    b.input.subtitle = row.get_optional<std::string>("subtitle");
    b.input.image = row.get<std::string>("image");
    b.input.link = row.get_optional<std::string>("link");
    b.input.position = row.get<std::int32_t>("position");
    b.input.starts_at = row.get_optional<Timestamp>("starts_at");
    b.input.ends_at = row.get_optional<Timestamp>("ends_at");
    b.input.is_active = row.get<bool>("is_active");
    b.created_at = row.get<Timestamp>("created_at");
    b.updated_at = row.get<Timestamp>("updated_at");
    return b;
}

std::vector<Banner> all_of(const platform::db::Result& result) {
    std::vector<Banner> out;
    out.reserve(result.size());
    for (const auto row : result) out.push_back(from_row(row));
    return out;
}

}  // namespace

asio::awaitable<Banner> BannersRepository::insert(const std::string& id, const BannerInput& in) {
    const auto result = co_await db_.query(named_query("homepage.banner_insert"), id, in.title, in.subtitle, in.image,
                                           in.link, in.position, in.starts_at, in.ends_at, in.is_active);
    co_return from_row(result[0]);
}

asio::awaitable<std::optional<Banner>> BannersRepository::replace(const std::string& id, const BannerInput& in) {
    const auto result = co_await db_.query(named_query("homepage.banner_replace"), id, in.title, in.subtitle, in.image,
                                           in.link, in.position, in.starts_at, in.ends_at, in.is_active);
    if (result.empty()) co_return std::nullopt;
    co_return from_row(result[0]);
}

asio::awaitable<bool> BannersRepository::remove(const std::string& id) {
    const auto result = co_await db_.query(named_query("homepage.banner_delete"), id);
    co_return !result.empty();
}

asio::awaitable<std::optional<Banner>> BannersRepository::find(const std::string& id) {
    const auto result = co_await db_.query(named_query("homepage.banner_by_id"), id);
    if (result.empty()) co_return std::nullopt;
    co_return from_row(result[0]);
}

asio::awaitable<std::vector<Banner>> BannersRepository::page(
    const std::optional<platform::core::CreatedAtPosition>& after, int limit) {
    std::optional<Timestamp> at;
    std::optional<std::string> id;
    if (after) {
        at = after->created_at;
        id = after->id;
    }
    const auto result = co_await db_.query(named_query("homepage.banners_page"), at, id, limit);
    co_return all_of(result);
}

asio::awaitable<std::vector<Banner>> BannersRepository::live(int limit) {
    const auto result = co_await db_.query(named_query("homepage.banners_live"), limit);
    co_return all_of(result);
}

}  // namespace superapp::features::homepage
