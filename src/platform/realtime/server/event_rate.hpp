#pragma once
// The rate of Socket.IO events one connection may send (SIO_EVENTS_PER_SECOND). Internal to
// platform/realtime/server; one per session, used on its shard thread only.
#include <algorithm>
#include <chrono>

namespace superapp::platform::realtime {

/// A token bucket of `per_second` events a second with bursts of twice that. Events past it are
/// refused; refusals leak away at `per_second` a second, and a connection whose refusals pile up
/// past kFloodSeconds seconds' worth (sending at ten times the rate for a couple of seconds, or
/// 1,000 events at once) is flooding and is to be closed. A client within the rate is never refused.
class EventRate {
  public:
    using Clock = std::chrono::steady_clock;
    enum class Verdict { allowed, refused, flooding };
    static constexpr double kBurstSeconds = 2;
    static constexpr double kFloodSeconds = 10;

    explicit EventRate(int per_second, Clock::time_point now = Clock::now())
        : per_second_(std::max(per_second, 1)), tokens_(per_second_ * kBurstSeconds), last_(now) {}

    /// Counts one event at `now`. Pure but for the bucket's own state.
    Verdict take(Clock::time_point now) {
        const double elapsed = std::chrono::duration<double>(std::max(now - last_, Clock::duration::zero())).count();
        last_ = std::max(now, last_);
        tokens_ = std::min(per_second_ * kBurstSeconds, tokens_ + elapsed * per_second_);
        refused_ = std::max(0.0, refused_ - elapsed * per_second_);
        if (tokens_ >= 1) {
            tokens_ -= 1;
            return Verdict::allowed;
        }
        refused_ += 1;
        return refused_ > per_second_ * kFloodSeconds ? Verdict::flooding : Verdict::refused;
    }

  private:
    double per_second_;
    double tokens_;
    double refused_ = 0;
    Clock::time_point last_;
};

}  // namespace superapp::platform::realtime
