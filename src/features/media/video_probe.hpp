#pragma once
#include <filesystem>
#include <optional>

namespace superapp::features::media {

/// The duration in seconds libavformat reads from a video file's container (or, failing that,
/// its longest stream); nullopt when the file is not a video it can read or states no duration.
/// Only MP4/QuickTime and Matroska/WebM files are opened, through the file protocol alone, reading
/// at most 2 MB and 5 s of media to find their streams, and given up after 5 s whatever the file.
/// Blocks: call it through core::run_blocking, never on an io thread. Any thread.
std::optional<double> video_duration_seconds(const std::filesystem::path& file);

}  // namespace superapp::features::media
