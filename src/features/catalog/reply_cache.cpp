#include "features/catalog/reply_cache.hpp"

namespace superapp::features::catalog {

std::shared_ptr<const CachedReply> ReplyCache::find(const std::string& key) const {
    const std::lock_guard lock(mutex_);
    const auto it = entries_.find(key);
    if (it == entries_.end() || Clock::now() - it->second.made >= ttl_) return nullptr;
    return it->second.reply;
}

std::uint64_t ReplyCache::generation() const {
    const std::lock_guard lock(mutex_);
    return generation_;
}

void ReplyCache::keep(const std::string& key, std::shared_ptr<const CachedReply> reply, std::uint64_t generation) {
    const std::lock_guard lock(mutex_);
    if (generation != generation_) return;
    if (entries_.size() >= max_entries_ && !entries_.contains(key)) {
        // Full: start over rather than track ages (the replies live seconds anyway).
        entries_.clear();
    }
    entries_[key] = Entry{std::move(reply), Clock::now()};
}

void ReplyCache::invalidate() {
    const std::lock_guard lock(mutex_);
    ++generation_;
    entries_.clear();
}

}  // namespace superapp::features::catalog
