#pragma once
// Per client address: how many Engine.IO sessions are open and how fast new ones are made.
#include <chrono>
#include <cstddef>
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
    void close(const std::string& ip, Clock::time_point now);
    /// How many addresses are remembered: those with open sessions or a bucket still refilling. Any thread.
    std::size_t tracked();

  private:
    struct Entry {
        int open = 0;
        double tokens = 0;
        Clock::time_point refilled{};
    };
    double burst() const { return 2.0 * per_second_; }
    void refill(Entry& e, Clock::time_point now) const;
    /// Whether the address can be forgotten: nothing open and its bucket full again (a forgotten
    /// address starts with a full bucket, so one that still owes handshakes is kept). Refills it.
    bool forgettable(Entry& e, Clock::time_point now) const;
    /// Forgets, at most once a second, every address with nothing open whose bucket is full again by
    /// `now`: a forgotten address starts with a full bucket, so nothing changes for it, and the map
    /// holds only addresses seen in the last few seconds (rotating client addresses do not pile up).
    void sweep(Clock::time_point now);

    int max_connections_;
    int per_second_;
    std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
    Clock::time_point swept_{};
};

}  // namespace superapp::platform::realtime
