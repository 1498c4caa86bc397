#pragma once
#include <filesystem>
#include <string>
#include <string_view>

#include "features/media/sample_media.hpp"

// Files for `superapp seed`'s demo rows, kept in the upload directory under stored names so that
// GET /uploads/:file serves them like any upload. A file's name comes from a key (a hash of it):
// the same key always names the same file, with the same bytes, and a file already there is not
// made again. Every call blocks on the file system (and the encoder): run it through
// core::run_blocking, never on an io thread. Any thread.
namespace superapp::features::media::demo {

/// The stored name (32 hex digits, '.', `extension`) of the demo file of `key`. Pure.
std::string demo_name(std::string_view key, std::string_view extension);

/// A placeholder PNG of `width` x `height` in `base` for `key`, written into `dir` unless it is
/// there; returns its URL ("/uploads/<name>.png"). Throws std::system_error, std::runtime_error.
std::string placeholder_image(const std::filesystem::path& dir, std::string_view key, int width, int height, Rgb base);

/// A sample video with its thumbnail.
struct DemoClip {
    std::string video_url;      ///< "/uploads/<name>.mp4"
    std::string thumbnail_url;  ///< "/uploads/<name>.png": its first frame
    int duration_seconds = 0;   ///< read back from the file, as an upload's is
};

/// A three-second sample clip in `base` for `key` (an MP4, and its first frame as a PNG), written
/// into `dir` unless they are there. Throws std::system_error, std::runtime_error (also when the
/// written video cannot be read back).
DemoClip sample_clip(const std::filesystem::path& dir, std::string_view key, Rgb base);

}  // namespace superapp::features::media::demo
