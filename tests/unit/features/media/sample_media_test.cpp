#include "features/media/sample_media.hpp"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "features/media/demo_files.hpp"
#include "features/media/service.hpp"
#include "features/media/sniff.hpp"
#include "features/media/video_probe.hpp"

namespace superapp::features::media {
namespace {

std::uint32_t be32(const std::string& s, std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at])) << 24 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 2])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 3]));
}

// Decodes what encode_png writes (one IDAT, Sub filters) back into pixels, checking each chunk's CRC.
Picture decode_png(const std::string& png) {
    EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    Picture p;
    std::string idat;
    for (std::size_t at = 8; at < png.size();) {
        const std::uint32_t length = be32(png, at);
        const std::string type = png.substr(at + 4, 4);
        const std::string data = png.substr(at + 8, length);
        const uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(png.data() + at + 4), length + 4);
        EXPECT_EQ(be32(png, at + 8 + length), static_cast<std::uint32_t>(crc)) << type;
        if (type == "IHDR") {
            p.width = static_cast<int>(be32(data, 0));
            p.height = static_cast<int>(be32(data, 4));
            EXPECT_EQ(data.substr(8), std::string("\x08\x02\x00\x00\x00", 5));
        }
        if (type == "IDAT") idat += data;
        at += 12 + length;
    }
    const std::size_t row = static_cast<std::size_t>(p.width) * 3;
    std::string raw((row + 1) * p.height, '\0');
    uLongf raw_size = raw.size();
    EXPECT_EQ(uncompress(reinterpret_cast<Bytef*>(raw.data()), &raw_size, reinterpret_cast<const Bytef*>(idat.data()),
                         idat.size()),
              Z_OK);
    EXPECT_EQ(raw_size, raw.size());
    p.rgb.resize(row * p.height);
    for (int y = 0; y < p.height; ++y) {
        EXPECT_EQ(raw[(row + 1) * y], '\1') << "Sub filter";
        for (std::size_t i = 0; i < row; ++i) {
            const auto filtered = static_cast<std::uint8_t>(raw[(row + 1) * y + 1 + i]);
            const std::uint8_t left = i >= 3 ? p.rgb[row * y + i - 3] : 0;
            p.rgb[row * y + i] = static_cast<std::uint8_t>(filtered + left);
        }
    }
    return p;
}

class TempDir {
  public:
    TempDir() {
        char pattern[] = "/tmp/superapp-sample-XXXXXX";
        path_ = ::mkdtemp(pattern);
    }
    ~TempDir() { std::filesystem::remove_all(path_); }
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

std::string slurp(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

TEST(SampleMedia, PngHoldsThePixelsItWasGiven) {
    const Picture picture = placeholder_picture(37, 21, {0xff, 0x6b, 0x35}, 7);
    const std::string png = encode_png(picture);
    EXPECT_EQ(sniff_mime_type(png), "image/png");
    const Picture back = decode_png(png);
    EXPECT_EQ(back.width, 37);
    EXPECT_EQ(back.height, 21);
    EXPECT_EQ(back.rgb, picture.rgb);
}

TEST(SampleMedia, PlaceholdersAreTheSameForTheSameSeedOnly) {
    const Rgb teal{0x4e, 0xcd, 0xc4};
    EXPECT_EQ(encode_png(placeholder_picture(64, 64, teal, 1)), encode_png(placeholder_picture(64, 64, teal, 1)));
    EXPECT_NE(placeholder_picture(64, 64, teal, 1).rgb, placeholder_picture(64, 64, teal, 2).rgb);
    EXPECT_NE(placeholder_picture(64, 64, teal, 1).rgb, placeholder_picture(64, 64, {0x6c, 0x5c, 0xe7}, 1).rgb);
}

TEST(SampleMedia, ClipFramesMove) {
    const SampleClip clip{.width = 32, .height = 48, .frames = 10, .base = {0x2e, 0xa0, 0x6b}, .seed = 3};
    EXPECT_NE(clip_frame(clip, 0).rgb, clip_frame(clip, 5).rgb);
    EXPECT_EQ(clip_frame(clip, 4).rgb, clip_frame(clip, 4).rgb);
}

TEST(SampleMedia, ClipIsAnMp4OfItsLengthWithTheSameBytesEveryTime) {
    TempDir dir;
    const SampleClip clip{.width = 64, .height = 96, .fps = 10, .frames = 20, .base = {0xd9, 0x48, 0x3b}, .seed = 5};
    write_clip_mp4(clip, dir.path() / "a.mp4");
    write_clip_mp4(clip, dir.path() / "b.mp4");
    const std::string a = slurp(dir.path() / "a.mp4");
    EXPECT_EQ(sniff_mime_type(a), "video/mp4");
    EXPECT_EQ(a, slurp(dir.path() / "b.mp4"));
    const auto seconds = video_duration_seconds(dir.path() / "a.mp4");
    ASSERT_TRUE(seconds);
    EXPECT_NEAR(*seconds, 2.0, 0.05);
    EXPECT_THROW(write_clip_mp4({.width = 63}, dir.path() / "odd.mp4"), std::invalid_argument);
}

TEST(DemoFiles, NamesAreStoredNamesThatFollowFromTheKey) {
    const std::string name = demo::demo_name("category icon groceries", "png");
    EXPECT_TRUE(MediaService::is_stored_name(name)) << name;
    EXPECT_EQ(name, demo::demo_name("category icon groceries", "png"));
    EXPECT_NE(name, demo::demo_name("category icon fashion", "png"));
    EXPECT_TRUE(demo::demo_name("video food 1", "mp4").ends_with(".mp4"));
}

TEST(DemoFiles, WritesAFileOnceAndServesItByUrl) {
    TempDir dir;
    const std::string url = demo::placeholder_image(dir.path(), "icon x", 16, 16, {1, 2, 3});
    const auto name = MediaService::name_in_url(url);
    ASSERT_TRUE(name) << url;
    const std::string first = slurp(dir.path() / std::string(*name));
    EXPECT_EQ(decode_png(first).width, 16);
    // A file already there is kept as it is: nothing is made again.
    std::ofstream(dir.path() / std::string(*name), std::ios::binary | std::ios::trunc) << "kept";
    EXPECT_EQ(demo::placeholder_image(dir.path(), "icon x", 16, 16, {1, 2, 3}), url);
    EXPECT_EQ(slurp(dir.path() / std::string(*name)), "kept");
}

TEST(DemoFiles, ASampleClipComesWithItsThumbnailAndDuration) {
    TempDir dir;
    const demo::DemoClip clip = demo::sample_clip(dir.path(), "video waist 1", {0x2e, 0xa0, 0x6b});
    EXPECT_EQ(clip.duration_seconds, 3);
    const auto video = MediaService::name_in_url(clip.video_url);
    const auto thumbnail = MediaService::name_in_url(clip.thumbnail_url);
    ASSERT_TRUE(video && thumbnail);
    EXPECT_TRUE(video->ends_with(".mp4"));
    EXPECT_EQ(MediaService::content_type_of(*thumbnail), "image/png");
    const Picture first = decode_png(slurp(dir.path() / std::string(*thumbnail)));
    EXPECT_EQ(first.width, 270);
    EXPECT_EQ(first.height, 480);
    // Only the two files: no temporary file is left behind.
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 2);
}

}  // namespace
}  // namespace superapp::features::media
