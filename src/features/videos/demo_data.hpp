#pragma once
#include <boost/asio/awaitable.hpp>

#include "platform/db/database.hpp"

// Demo videos for `superapp seed`: two per active video category by the demo merchant, one of
// them featured, with likes, views and comments of the demo users (counted as real engagement, so
// the trending scores move once the job runs). No video files are generated: each video_url is a
// placeholder under https://example.com/demo-videos/ (see the README). The demo users must exist.
namespace superapp::features::videos::demo {

/// Whether any video exists. Shard thread; throws DbError.
boost::asio::awaitable<bool> has_data(platform::db::Database& db);
/// Inserts the demo videos and their engagement; returns the rows written. Shard thread; throws DbError.
boost::asio::awaitable<long> load(platform::db::Database& db);

}  // namespace superapp::features::videos::demo
