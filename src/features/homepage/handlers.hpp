#pragma once
#include "features/homepage/service.hpp"
#include "platform/http/router.hpp"

namespace superapp::features::homepage {

using platform::http::Handler;

/// GET /homepage/sections?lat&lng -> {sections}: public (cached) for anonymous callers, private with
/// the earn projects for a signed-in one.
Handler handle_sections(HomepageService& homepage);
/// GET /homepage/categories -> {rails}
Handler handle_categories(HomepageService& homepage);
/// GET /homepage/trending?limit -> {windowDays, products, stores, videos}
Handler handle_trending(HomepageService& homepage);
/// GET /homepage/recommendations?limit -> {items, nextCursor, basis}
Handler handle_recommendations(HomepageService& homepage);

/// GET /admin/homepage/banners?limit&cursor -> {items, nextCursor}
Handler handle_list_banners(HomepageService& homepage);
/// GET /admin/homepage/banners/:id -> the banner
Handler handle_get_banner(HomepageService& homepage);
/// POST /admin/homepage/banners {title, subtitle?, image, link?, position?, startsAt?, endsAt?, isActive?} -> 201
Handler handle_create_banner(HomepageService& homepage);
/// PUT /admin/homepage/banners/:id (the same body; replaces the banner) -> the banner
Handler handle_replace_banner(HomepageService& homepage);
/// DELETE /admin/homepage/banners/:id -> 204
Handler handle_delete_banner(HomepageService& homepage);

}  // namespace superapp::features::homepage
