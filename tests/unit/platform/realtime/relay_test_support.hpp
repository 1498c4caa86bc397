#pragma once
// Helpers for the relay tests: a bus subscriber that records what it was given, from any thread.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "platform/realtime/event_bus.hpp"

namespace superapp::platform::realtime::test_support {

/// Subscribes to `bus` and records the name of each event it delivers, with its "n" datum if any.
class Recorder {
  public:
    explicit Recorder(EventBus& bus) {
        bus.subscribe([this](const Event& e) {
            std::lock_guard lock(mutex_);
            seen_.push_back(e.name + (e.data.is_object() && e.data.as_object().contains("n")
                                          ? ":" + std::to_string(e.data.at("n").to_number<long>())
                                          : std::string()));
            changed_.notify_all();
        });
    }
    /// Returns what was delivered so far, in order.
    std::vector<std::string> seen() {
        std::lock_guard lock(mutex_);
        return seen_;
    }
    /// Waits up to `timeout` until `count` events were delivered; returns what was delivered then.
    std::vector<std::string> wait_for(std::size_t count, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
        std::unique_lock lock(mutex_);
        changed_.wait_for(lock, timeout, [&] { return seen_.size() >= count; });
        return seen_;
    }

  private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<std::string> seen_;
};

/// Polls `done` every 10 ms for up to `timeout`; returns its last answer.
inline bool eventually(const std::function<bool()>& done,
                       std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

/// An event whose data is {"n": n, "pad": <pad_bytes characters>}.
inline Event numbered(const std::string& name, long n, std::size_t pad_bytes = 0) {
    return Event{{kEveryone}, name, boost::json::object{{"n", n}, {"pad", std::string(pad_bytes, 'x')}}};
}

}  // namespace superapp::platform::realtime::test_support
