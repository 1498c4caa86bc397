#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace superapp::features::catalog {

/// Values read from the catalog kept for a short time: a write in this process drops them at once
/// (invalidate), and other processes' writes show up within `ttl`. At most `max_entries` values. Any
/// thread.
template <class T>
class TtlCache {
  public:
    using Clock = std::chrono::steady_clock;

    TtlCache(std::chrono::milliseconds ttl, std::size_t max_entries) : ttl_(ttl), max_entries_(max_entries) {}

    /// The value kept under `key` and younger than the ttl, or null.
    std::shared_ptr<const T> find(const std::string& key) const {
        const std::lock_guard lock(mutex_);
        const auto it = entries_.find(key);
        if (it == entries_.end() || Clock::now() - it->second.made >= ttl_) return nullptr;
        return it->second.value;
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
        entries_[key] = Entry{std::move(value), Clock::now()};
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
    };
    const std::chrono::milliseconds ttl_;
    const std::size_t max_entries_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
    std::uint64_t generation_ = 0;
};

/// A public reply as sent: its JSON text and the weak ETag of that text.
struct CachedReply {
    std::string body;
    std::string etag;
};
using ReplyCache = TtlCache<CachedReply>;

}  // namespace superapp::features::catalog
