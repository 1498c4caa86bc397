#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace superapp::features::media {

/// An 8-bit sRGB colour.
struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
};

/// `c` lightened (amount > 0, towards white) or darkened (amount < 0, towards black), each channel
/// rounded. Pure.
Rgb shade(Rgb c, double amount);

/// An RGB picture: rows top to bottom, 3 bytes a pixel.
struct Picture {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgb;
};

/// The bytes of a PNG file of the picture (8-bit RGB, not interlaced, zlib level 6): the same
/// picture always gives the same bytes. Pure. Throws std::runtime_error when zlib fails.
std::string encode_png(const Picture& picture);

/// A placeholder picture of `width` x `height`: a gradient of `base` with soft circles placed by
/// `seed`. Pure; the same arguments give the same pixels.
Picture placeholder_picture(int width, int height, Rgb base, std::uint64_t seed);

/// A short generated clip: a gradient of `base` with a ball that bounces across it and a bar that
/// fills as it plays.
struct SampleClip {
    int width = 270;  ///< even (4:2:0 chroma)
    int height = 480;
    int fps = 15;
    int frames = 45;
    Rgb base;
    std::uint64_t seed = 0;
};

/// Frame `index` (0-based) of the clip. Pure.
Picture clip_frame(const SampleClip& clip, int index);

/// Encodes the clip as an MP4 file at `path` (H.264 through libx264 when libavcodec has it, else
/// MPEG-4 part 2; `faststart`, so a player can start before the end arrives), bit-exact: the same
/// clip and libraries give the same bytes. Blocks: run it through core::run_blocking, never on an
/// io thread. Throws std::runtime_error naming the libav call that failed.
void write_clip_mp4(const SampleClip& clip, const std::filesystem::path& path);

}  // namespace superapp::features::media
