#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace superapp::platform::core {

/// Values read from the database kept for a short time: a write in this process drops them at once
/// (invalidate), and other processes' writes show up within `ttl` (twice that at worst, see find). At
/// most `max_entries` values. One caller at a time reads a key: a burst of requests for a value not
/// kept yet waits for the first one's read instead of all reading it. Any thread.
template <class T>
class TtlCache {
  public:
    using Clock = std::chrono::steady_clock;
    /// How often a caller waiting for another's read looks again.
    static constexpr std::chrono::milliseconds kWaitStep{2};

    /// What find saw: a fresh value; a stale one that this caller alone is to read again; nothing,
    /// for this caller to read; or nothing yet, because another caller is reading it (wait).
    struct Found {
        std::shared_ptr<const T> value;  ///< null: none
        bool refresh = false;            ///< this caller reads the value and keep()s or abandon()s it
        bool wait = false;               ///< another caller is reading it: look again shortly
    };

    TtlCache(std::chrono::milliseconds ttl, std::size_t max_entries) : ttl_(ttl), max_entries_(max_entries) {}

    /// The value kept under `key`. Past the ttl the first caller is told to refresh it while the others
    /// still get it, so a busy key is read again once rather than by every request at the same moment;
    /// past twice the ttl (the refresh failed) it is gone. A read that has not ended within the ttl is
    /// given up on, and the next caller reads.
    Found find(const std::string& key) {
        const std::lock_guard lock(mutex_);
        const auto now = Clock::now();
        auto it = entries_.find(key);
        if (it == entries_.end()) {
            // Full: this caller reads without others waiting on it; its keep() starts the cache over.
            if (entries_.size() >= max_entries_) return {nullptr, true};
            it = entries_.emplace(key, Entry{}).first;
        }
        Entry& e = it->second;
        const bool reading = e.reading_since && now - *e.reading_since < ttl_;
        if (e.value && now - e.made >= 2 * ttl_) e.value.reset();
        if (e.value && (now - e.made < ttl_ || reading)) return {e.value};
        if (reading) return {nullptr, false, true};
        e.reading_since = now;
        return {e.value, true};
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
        entries_[key] = Entry{std::move(value), Clock::now(), std::nullopt};
    }
    /// The read find asked for failed: the next caller reads at once.
    void abandon(const std::string& key) {
        const std::lock_guard lock(mutex_);
        const auto it = entries_.find(key);
        if (it == entries_.end()) return;
        if (it->second.value) {
            it->second.reading_since.reset();
        } else {
            entries_.erase(it);
        }
    }
    /// Drops every value: the data they were made from changed (after the change commits).
    void invalidate() {
        const std::lock_guard lock(mutex_);
        ++generation_;
        entries_.clear();
    }

    /// The value kept under `key`, or the one `read()` (a coroutine returning std::shared_ptr<const T>)
    /// makes, kept; while another caller reads the key this one waits for it.
    template <class Read>
    boost::asio::awaitable<std::shared_ptr<const T>> get(const std::string& key, const Read& read) {
        Found found = find(key);
        for (; found.wait; found = find(key)) {
            const auto executor = co_await boost::asio::this_coro::executor;
            boost::asio::steady_timer pause(executor, kWaitStep);
            co_await pause.async_wait(boost::asio::use_awaitable);
        }
        if (!found.refresh) co_return found.value;
        const std::uint64_t before = generation();
        std::shared_ptr<const T> value;
        try {
            value = co_await read();
        } catch (...) {
            abandon(key);
            throw;
        }
        keep(key, value, before);
        co_return value;
    }

  private:
    struct Entry {
        std::shared_ptr<const T> value;
        Clock::time_point made;
        std::optional<Clock::time_point> reading_since;  ///< a caller is reading the value
    };
    const std::chrono::milliseconds ttl_;
    const std::size_t max_entries_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
    std::uint64_t generation_ = 0;
};

}  // namespace superapp::platform::core
