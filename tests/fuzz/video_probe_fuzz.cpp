// libFuzzer target for the uploaded-video probe (tests/fuzz/run video_probe builds and runs it).
//
// Input: the bytes of an uploaded file. The probe reads a file, so each input is written to a
// temporary file first. Every input must be probed without a crash, a leak, undefined behaviour or
// a hang (libFuzzer's -timeout); a duration, when one is read, is a number.
#include <unistd.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "features/media/video_probe.hpp"

namespace {

// One file per process, rewritten for each input.
const std::filesystem::path& input_path() {
    static const std::filesystem::path path = [] {
        std::string pattern = (std::filesystem::temp_directory_path() / "video_probe_fuzz_XXXXXX.mp4").string();
        const int fd = mkstemps(pattern.data(), 4);
        if (fd < 0) std::abort();
        close(fd);
        return std::filesystem::path(pattern);
    }();
    return path;
}

struct RemoveAtExit {
    ~RemoveAtExit() {
        std::error_code ec;
        std::filesystem::remove(input_path(), ec);
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static RemoveAtExit cleanup;
    std::FILE* f = std::fopen(input_path().c_str(), "wb");
    if (!f) std::abort();
    if (size > 0 && std::fwrite(data, 1, size, f) != size) std::abort();
    std::fclose(f);
    const auto seconds = superapp::features::media::video_duration_seconds(input_path());
    if (seconds && std::isnan(*seconds)) std::abort();
    return 0;
}
