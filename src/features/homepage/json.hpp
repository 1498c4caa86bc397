#pragma once
#include <boost/json/object.hpp>

#include "features/homepage/model.hpp"
#include "features/videos/ranking.hpp"

namespace superapp::features::homepage {

/// A banner as the API shows it: {_id, title, subtitle, image, link, position, startsAt, endsAt,
/// isActive, createdAt, updatedAt}.
boost::json::object banner_json(const Banner& b);
/// A trending video in the seed's Videos shape (engagement as counts) with its trendingScore.
boost::json::object video_json(const videos::RankedVideo& v);

}  // namespace superapp::features::homepage
