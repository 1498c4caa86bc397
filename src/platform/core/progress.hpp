#pragma once
#include <chrono>
#include <cstdio>
#include <string>

namespace superapp::platform::core {

/// Progress of a long command-line job on stdout: a bar redrawn in place on a terminal, plain
/// "label: done/total" lines otherwise (a log, a pipe), at most one every `every` there. Not for
/// the server's threads.
class Progress {
  public:
    Progress(std::string label, long total, std::chrono::milliseconds every = std::chrono::seconds(2));
    /// Reports `done` of the total; the last report (done == total) is always shown.
    void update(long done);

  private:
    std::string label_;
    long total_;
    std::chrono::milliseconds every_;
    bool terminal_;
    std::chrono::steady_clock::time_point started_, last_line_{};
};

}  // namespace superapp::platform::core
