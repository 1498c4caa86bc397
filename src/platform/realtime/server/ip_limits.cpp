#include "platform/realtime/server/ip_limits.hpp"

#include <algorithm>

namespace superapp::platform::realtime {

namespace {

constexpr std::chrono::seconds kSweepInterval{1};

}  // namespace

void IpLimits::refill(Entry& e, Clock::time_point now) const {
    const double seconds = std::chrono::duration<double>(now - e.refilled).count();
    if (seconds > 0) {
        e.tokens = std::min(burst(), e.tokens + seconds * per_second_);
        e.refilled = now;
    }
}

bool IpLimits::forgettable(Entry& e, Clock::time_point now) const {
    if (e.open > 0) return false;
    refill(e, now);
    return e.tokens >= burst();
}

IpLimits::Verdict IpLimits::open(const std::string& ip, Clock::time_point now) {
    std::lock_guard lock(mutex_);
    sweep(now);
    auto [it, created] = entries_.try_emplace(ip);
    Entry& e = it->second;
    if (created) {
        e.tokens = burst();
        e.refilled = now;
    } else {
        refill(e, now);
    }
    if (e.open >= max_connections_) return Verdict::too_many_connections;
    if (e.tokens < 1.0) return Verdict::too_many_handshakes;
    e.tokens -= 1.0;
    ++e.open;
    return Verdict::ok;
}

void IpLimits::close(const std::string& ip, Clock::time_point now) {
    std::lock_guard lock(mutex_);
    if (auto it = entries_.find(ip); it != entries_.end()) {
        Entry& e = it->second;
        if (e.open > 0) --e.open;
        if (forgettable(e, now)) entries_.erase(it);
    }
    sweep(now);
}

std::size_t IpLimits::tracked() {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

void IpLimits::sweep(Clock::time_point now) {
    if (now - swept_ < kSweepInterval) return;
    swept_ = now;
    for (auto it = entries_.begin(); it != entries_.end();) {
        it = forgettable(it->second, now) ? entries_.erase(it) : std::next(it);
    }
}

}  // namespace superapp::platform::realtime
