#pragma once
#include <boost/asio/awaitable.hpp>
#include <filesystem>

#include "platform/db/database.hpp"

// Demo videos for `superapp seed`: two per active video category by the demo merchant, one of
// them featured, each a real three-second MP4 with a PNG thumbnail written into the upload
// directory (media::demo::sample_clip: the same files every time) and linked to demo products of a
// matching catalog category, with likes, views and comments of the demo users (counted as real
// engagement, so the trending scores move once the job runs). The ids are fixed: a second run adds
// nothing. The demo users and catalog must exist.
namespace superapp::features::videos::demo {

/// Whether any video exists. Shard thread; throws DbError.
boost::asio::awaitable<bool> has_data(platform::db::Database& db);
/// Writes the demo files into `upload_dir` and inserts the demo videos (those whose ids are free)
/// and their engagement; returns the rows written. Shard thread; throws DbError, std::system_error
/// and std::runtime_error (a file that cannot be made).
boost::asio::awaitable<long> load(platform::db::Database& db, std::filesystem::path upload_dir);

}  // namespace superapp::features::videos::demo
