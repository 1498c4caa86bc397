#pragma once
#include <filesystem>
#include <optional>

namespace superapp::features::media {

/// The duration in seconds libavformat reads from a video file's container (or, failing that,
/// its longest stream); nullopt when the file is not a video it can read or states no duration.
/// Blocks: call it through core::run_blocking, never on an io thread. Any thread.
std::optional<double> video_duration_seconds(const std::filesystem::path& file);

}  // namespace superapp::features::media
