#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace superapp::platform::core {

/// Values read from the database kept for a short time: a write in this process drops them at once
/// (invalidate), and other processes' writes show up within `ttl` (twice that at worst, see find). At
/// most `max_entries` values. Any thread.
template <class T>
class TtlCache {
  public:
    using Clock = std::chrono::steady_clock;

    /// What find saw: no value, a fresh one, or a stale one that this caller alone is to read again.
    struct Found {
        std::shared_ptr<const T> value;  ///< null: none, read it
        bool refresh = false;            ///< stale: read it again and keep() it
    };

    TtlCache(std::chrono::milliseconds ttl, std::size_t max_entries) : ttl_(ttl), max_entries_(max_entries) {}

    /// The value kept under `key`. Past the ttl the first caller is told to refresh it while the others
    /// still get it, so a busy key is read again once rather than by every request at the same moment;
    /// past twice the ttl (the refresh failed) it is gone.
    Found find(const std::string& key) {
        const std::lock_guard lock(mutex_);
        const auto it = entries_.find(key);
        if (it == entries_.end()) return {};
        const auto age = Clock::now() - it->second.made;
        if (age >= 2 * ttl_) return {};
        if (age < ttl_ || it->second.refreshing) return {it->second.value, false};
        it->second.refreshing = true;
        return {it->second.value, true};
    }
    /// The count of writes so far: read it before reading the database for a value to keep.
    std::uint64_t generation() const {
        const std::lock_guard lock(mutex_);
        return generation_;
    }
    /// Keeps `value` under `key` unless a write was reported since `generation` (it may be stale).
    void keep(const std::string& key, std::shared_ptr<const T> value, std::uint64_t generation) {
        const std::lock_guard lock(mutex_);
        if (generation != generation_) return;
        // Full: start over rather than track ages (the values live seconds anyway).
        if (entries_.size() >= max_entries_ && !entries_.contains(key)) entries_.clear();
        entries_[key] = Entry{std::move(value), Clock::now(), false};
    }
    /// Drops every value: the data they were made from changed (after the change commits).
    void invalidate() {
        const std::lock_guard lock(mutex_);
        ++generation_;
        entries_.clear();
    }

  private:
    struct Entry {
        std::shared_ptr<const T> value;
        Clock::time_point made;
        bool refreshing;
    };
    const std::chrono::milliseconds ttl_;
    const std::size_t max_entries_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
    std::uint64_t generation_ = 0;
};

}  // namespace superapp::platform::core
