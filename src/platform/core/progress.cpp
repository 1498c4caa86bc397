#include "platform/core/progress.hpp"

#include <unistd.h>

#include <algorithm>

namespace superapp::platform::core {

Progress::Progress(std::string label, long total, std::chrono::milliseconds every)
    : label_(std::move(label)),
      total_(std::max(total, 1L)),
      every_(every),
      terminal_(::isatty(STDOUT_FILENO) == 1),
      started_(std::chrono::steady_clock::now()) {}

void Progress::update(long done) {
    const auto now = std::chrono::steady_clock::now();
    const bool last = done >= total_;
    const double seconds = std::chrono::duration<double>(now - started_).count();
    if (terminal_) {
        constexpr int kWidth = 30;
        const int filled = static_cast<int>(kWidth * std::min(done, total_) / total_);
        std::printf("\r%s [%s%s] %3ld%% %ld/%ld %.1fs%s", label_.c_str(), std::string(filled, '#').c_str(),
                    std::string(kWidth - filled, '.').c_str(), 100 * std::min(done, total_) / total_, done, total_,
                    seconds, last ? "\n" : "");
    } else {
        if (!last && now - last_line_ < every_) return;
        last_line_ = now;
        std::printf("%s: %ld/%ld (%.1fs)\n", label_.c_str(), done, total_, seconds);
    }
    std::fflush(stdout);
}

}  // namespace superapp::platform::core
