#include "features/media/demo_files.hpp"

#include <openssl/sha.h>

#include <array>
#include <cmath>
#include <stdexcept>

#include "features/media/file_store.hpp"
#include "features/media/service.hpp"
#include "features/media/video_probe.hpp"

namespace superapp::features::media::demo {
namespace {

// Bump to make every demo file again (their names change with it) after a change of how they look.
constexpr std::string_view kVersion = "superapp demo file v1: ";

std::array<unsigned char, SHA256_DIGEST_LENGTH> digest(std::string_view key) {
    const std::string text = std::string(kVersion) + std::string(key);
    std::array<unsigned char, SHA256_DIGEST_LENGTH> out{};
    SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), out.data());
    return out;
}

std::uint64_t seed_of(std::string_view key) {
    const auto d = digest(key);
    std::uint64_t seed = 0;
    for (int i = 16; i < 24; ++i) seed = seed << 8 | d[static_cast<std::size_t>(i)];
    return seed;
}

std::string url_of(const std::string& name) { return std::string(MediaService::kUrlPrefix) + name; }

}  // namespace

std::string demo_name(std::string_view key, std::string_view extension) {
    static constexpr char kHex[] = "0123456789abcdef";
    const auto d = digest(key);
    std::string name;
    for (int i = 0; i < 16; ++i) {  // the first 128 bits, as many as a random name has
        name += kHex[d[static_cast<std::size_t>(i)] >> 4];
        name += kHex[d[static_cast<std::size_t>(i)] & 15];
    }
    name += '.';
    name += extension;
    return name;
}

std::string placeholder_image(const std::filesystem::path& dir, std::string_view key, int width, int height, Rgb base) {
    const FileStore files(dir);
    const std::string name = demo_name(key, "png");
    if (!files.exists(name)) files.write(name, encode_png(placeholder_picture(width, height, base, seed_of(key))));
    return url_of(name);
}

DemoClip sample_clip(const std::filesystem::path& dir, std::string_view key, Rgb base) {
    const FileStore files(dir);
    const SampleClip clip{.base = base, .seed = seed_of(key)};
    const std::string video = demo_name(key, "mp4");
    const std::string thumbnail = demo_name(std::string(key) + " thumbnail", "png");
    if (!files.exists(video)) {
        files.write_with(video, [&clip](const std::filesystem::path& path) { write_clip_mp4(clip, path); });
    }
    if (!files.exists(thumbnail)) files.write(thumbnail, encode_png(clip_frame(clip, 0)));
    const auto seconds = video_duration_seconds(dir / video);
    if (!seconds) throw std::runtime_error("the demo video " + video + " cannot be read back");
    return {url_of(video), url_of(thumbnail), static_cast<int>(std::lround(*seconds))};
}

}  // namespace superapp::features::media::demo
