#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace superapp::features::catalog {

/// A public reply as sent: its JSON text and the weak ETag of that text.
struct CachedReply {
    std::string body;
    std::string etag;
};

/// Replies of a public read kept for a short time: a write in this process drops them at once, and
/// other processes' writes show up within `ttl`. At most `max_entries` replies. Any thread.
class ReplyCache {
  public:
    using Clock = std::chrono::steady_clock;

    ReplyCache(std::chrono::milliseconds ttl, std::size_t max_entries) : ttl_(ttl), max_entries_(max_entries) {}

    /// The reply kept under `key` and younger than the ttl, or null.
    std::shared_ptr<const CachedReply> find(const std::string& key) const;
    /// The count of writes so far: read it before reading the database for a reply to keep.
    std::uint64_t generation() const;
    /// Keeps `reply` under `key` unless a write was reported since `generation` (it may be stale).
    void keep(const std::string& key, std::shared_ptr<const CachedReply> reply, std::uint64_t generation);
    /// Drops every reply: the data they were made from changed (after the change commits).
    void invalidate();

  private:
    struct Entry {
        std::shared_ptr<const CachedReply> reply;
        Clock::time_point made;
    };
    const std::chrono::milliseconds ttl_;
    const std::size_t max_entries_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
    std::uint64_t generation_ = 0;
};

}  // namespace superapp::features::catalog
