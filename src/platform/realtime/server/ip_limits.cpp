#include "platform/realtime/server/ip_limits.hpp"

#include <algorithm>

namespace superapp::platform::realtime {

IpLimits::Verdict IpLimits::open(const std::string& ip, Clock::time_point now) {
    const double burst = 2.0 * per_second_;
    std::lock_guard lock(mutex_);
    auto [it, created] = entries_.try_emplace(ip);
    Entry& e = it->second;
    if (created) {
        e.tokens = burst;
    } else {
        const double seconds = std::chrono::duration<double>(now - e.refilled).count();
        e.tokens = std::min(burst, e.tokens + std::max(0.0, seconds) * per_second_);
    }
    e.refilled = now;
    if (e.open >= max_connections_) return Verdict::too_many_connections;
    if (e.tokens < 1.0) return Verdict::too_many_handshakes;
    e.tokens -= 1.0;
    ++e.open;
    return Verdict::ok;
}

void IpLimits::close(const std::string& ip) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(ip);
    if (it == entries_.end()) return;
    // An address with nothing open is forgotten once its bucket would be full again anyway; a
    // forgotten one starts with a full bucket, so keep it while it still owes handshakes.
    if (--it->second.open <= 0 && it->second.tokens >= 2.0 * per_second_ - 1.0) entries_.erase(it);
}

}  // namespace superapp::platform::realtime
