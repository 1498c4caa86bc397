#include "features/media/video_probe.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace superapp::features::media {
namespace {

// A 0.2 s, 16x16 MPEG-4 video in an MP4 container (ffmpeg testsrc), as hex.
const std::string kMp4Hex =
    "0000001c6674797069736f6d0000020069736f6d69736f326d7034310000000866726565000001846d646174000001b30010"
    "07000001b611813617601f0840f01fc783c07ee20cd8f84b084984b00c04010c7e0a2684a03a251727f7cbc03bc258841053"
    "b2abfa3f54af190820803912bffe5c1f305cd87c5c97e971e1b4180381846560f01faa830f04708001a218963d051a51287a"
    "0e00e03e218411eb7ac04360180da7128194ab67049df894da5084242412c1c913a7c11b1bc1e080ac40f981d81e4a0d4184"
    "80780fe041876c83c0c09e01a24fc2182841460a548a81107a5dadc03e2581d10f532a0782806d2d4e0aaf007fa6abf607b9"
    "ec66b4c4572181483c0413610c1bc0f0103c828820021a506641007f13968e532b1247410a24ee8efc1eabf97a544d892385"
    "daf07ad2847fe188245f832af83021b40c01fdfd043c060850180e2980f03fe4e177b28336390fb448061cf819a8af5b1097"
    "2fa230329fb1ee07fa3cd060b217cd540cd028c1938288b7c0a04f01935119b118b697b581f83c040f7f06043502135d0863"
    "af2556a8181460e00d9a5cabc5fa3d03fef96c00f500cf7f000003416d6f6f760000006c6d76686400000000000000000000"
    "0000000003e8000000c800010000010000000000000000000000000100000000000000000000000000000001000000000000"
    "000000000000000040000000000000000000000000000000000000000000000000000000000000020000026b7472616b0000"
    "005c746b68640000000300000000000000000000000100000000000000c80000000000000000000000000000000000010000"
    "0000000000000000000000000001000000000000000000000000000040000000001000000010000000000024656474730000"
    "001c656c73740000000000000001000000c80000000000010000000001e36d646961000000206d6468640000000000000000"
    "00000000000028000000080055c400000000002d68646c720000000000000000766964650000000000000000000000005669"
    "64656f48616e646c6572000000018e6d696e6600000014766d68640000000100000000000000000000002464696e66000000"
    "1c6472656600000000000000010000000c75726c20000000010000014e7374626c000000ea73747364000000000000000100"
    "0000da6d70347600000000000000010000000000000000000000000000000000100010004800000048000000000000000113"
    "4c61766335392e33372e313030206d706567340000000000000000000000000018ffff000000606573647300000000038080"
    "804f0001000480808041201100000000030d4000003b60058080802f000001b001000001b58913000001000000012000c48d"
    "88002d0084021463000001b24c61766335392e33372e31303006808080010200000010706173700000000100000001000000"
    "14627472740000000000030d4000003b600000001873747473000000000000000100000001000008000000001c7374736300"
    "00000000000001000000010000000100000001000000147374737a000000000000017c00000001000000147374636f000000"
    "00000000010000002c00000062756474610000005a6d657461000000000000002168646c7200000000000000006d64697261"
    "70706c0000000000000000000000002d696c737400000025a9746f6f0000001d6461746100000001000000004c6176663539"
    "2e32372e313030";

std::string from_hex(const std::string& hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    return out;
}

class VideoProbe : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("video_probe_test_" + std::to_string(getpid()));
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    std::filesystem::path write(const std::string& name, const std::string& bytes) {
        const auto path = dir_ / name;
        std::ofstream(path, std::ios::binary) << bytes;
        return path;
    }

    std::filesystem::path dir_;
};

TEST_F(VideoProbe, ReadsTheDurationOfAnMp4) {
    const auto seconds = video_duration_seconds(write("ok.mp4", from_hex(kMp4Hex)));
    ASSERT_TRUE(seconds);
    EXPECT_NEAR(*seconds, 0.2, 0.05);
}

TEST_F(VideoProbe, RefusesContainersOutsideTheAllowList) {
    // A raw YUV4MPEG stream: a video libavformat reads, in a container we do not accept.
    std::string y4m = "YUV4MPEG2 W16 H16 F5:1 Ip A1:1 C420jpeg\n";
    for (int i = 0; i < 5; ++i) y4m += "FRAME\n" + std::string(384, '\0');
    EXPECT_EQ(video_duration_seconds(write("raw.mp4", y4m)), std::nullopt);
    // A playlist naming other files and URLs is never followed.
    const std::string playlist =
        "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10.0,\nhttp://127.0.0.1:9/a.ts\n#EXTINF:10.0,\nfile:///etc/passwd\n"
        "#EXT-X-ENDLIST\n";
    EXPECT_EQ(video_duration_seconds(write("list.mp4", playlist)), std::nullopt);
}

TEST_F(VideoProbe, RefusesMalformedFilesWithoutCrashing) {
    const std::string mp4 = from_hex(kMp4Hex);
    EXPECT_EQ(video_duration_seconds(write("truncated.mp4", mp4.substr(0, mp4.size() / 2))), std::nullopt);
    // The ftyp box, then a moov box that claims 4 GB.
    const std::string huge = mp4.substr(0, 0x1c) + std::string("\xff\xff\xff\xf0moov", 8) + std::string(64, '\0');
    EXPECT_EQ(video_duration_seconds(write("huge.mp4", huge)), std::nullopt);
    // An EBML header alone.
    const std::string ebml("\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08\x42\x82"
                           "\x84webm\x42\x87\x81\x04\x42\x85\x81\x02", 36);
    EXPECT_EQ(video_duration_seconds(write("header.webm", ebml)), std::nullopt);
    std::string noise;
    for (int i = 0; i < 4096; ++i) noise.push_back(static_cast<char>((i * 7919 + 13) % 251));
    EXPECT_EQ(video_duration_seconds(write("noise.mp4", noise)), std::nullopt);
    EXPECT_EQ(video_duration_seconds(write("empty.mp4", "")), std::nullopt);
    EXPECT_EQ(video_duration_seconds(dir_ / "missing.mp4"), std::nullopt);
}

}  // namespace
}  // namespace superapp::features::media
