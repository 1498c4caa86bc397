#pragma once
// Per client address: how many Engine.IO sessions are open and how fast new ones are made.
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace superapp::platform::realtime {

class IpLimits {
  public:
    using Clock = std::chrono::steady_clock;
    enum class Verdict { ok, too_many_connections, too_many_handshakes };

    /// At most `max_connections` open per address; handshakes refill at `per_second`, up to a burst
    /// of twice that.
    IpLimits(int max_connections, int per_second) : max_connections_(max_connections), per_second_(per_second) {}

    /// Counts a new session for the address when both limits allow it. Any thread.
    Verdict open(const std::string& ip, Clock::time_point now);
    /// The session open() allowed has closed. Any thread.
    void close(const std::string& ip);

  private:
    struct Entry {
        int open = 0;
        double tokens = 0;
        Clock::time_point refilled{};
    };
    int max_connections_;
    int per_second_;
    std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
};

}  // namespace superapp::platform::realtime
