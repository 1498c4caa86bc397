#pragma once
// Rate limits on the writes a person makes (reviews, shares, views, comments, cart writes,
// withdrawals, earn submissions, uploads): wrap the route's handler with rate_limited(). Each call
// takes one request from two allowances of its class: the signed-in caller's (user id) and the
// client address's (Request::client_ip, which honours TRUST_PROXY), whose limit is the user's times
// RATE_LIMIT_ADDRESS_MULTIPLIER. A request past either answers 429 RATE_LIMITED with Retry-After
// and RateLimit-*; one within both runs, and its answer carries RateLimit-* (unless the handler set
// its own). Allowances are GCRA (a smoothed window: `per_minute` a minute, all of them at once at
// most) shared by every process through one Redis script when REDIS_URL is set; without Redis, or
// when Redis does not answer in time, each process counts alone.
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "platform/core/env.hpp"
#include "platform/http/rate_limit.hpp"
#include "platform/http/router.hpp"

namespace superapp::platform::redis {
class Client;
}

namespace superapp::platform::http {

/// One allowance: `per_minute` requests a minute, evenly refilled, and at most that many at once.
struct Limit {
    std::int64_t per_minute = 60;
};

/// One key of a request and the allowance it is counted against.
struct LimitKey {
    std::string key;
    Limit limit;
};

/// What taking one request from a set of allowances decided.
struct LimitDecision {
    bool allowed = true;
    RateLimit rate;                       ///< of the allowance with the fewest requests left
    std::chrono::seconds retry_after{0};  ///< when refused: until every allowance has room (>= 1 s)
};

/// A key's GCRA state: the theoretical arrival time, in milliseconds of the limiter's clock; 0 (or
/// anything before now) when the allowance is full.
struct GcraStep {
    bool allowed = false;
    std::int64_t tat_ms = 0;  ///< after the step: advanced when allowed, unchanged when not
};

/// One GCRA step of a key at `now_ms`. Pure.
GcraStep gcra_step(std::int64_t tat_ms, std::int64_t now_ms, Limit limit);
/// The decision for `keys` given every key's state after the steps (`tats_ms`, in order) and
/// whether all were allowed. Pure.
LimitDecision describe(const std::vector<LimitKey>& keys, const std::vector<std::int64_t>& tats_ms, bool allowed,
                       std::int64_t now_ms);

/// Takes one request from every allowance of `keys` at once: either all of them count it or none.
class Limiter {
  public:
    virtual ~Limiter() = default;
    /// The decision; never throws for a backend that is down. Any io thread.
    virtual boost::asio::awaitable<LimitDecision> take(std::vector<LimitKey> keys) = 0;
};

/// The allowances of this process alone, in memory. A key whose allowance is full again is idle:
/// it is forgotten when the table grows (and, past `max_keys`, so are the keys closest to idle),
/// so memory stays bounded whatever the number of callers.
class LocalLimiter : public Limiter {
  public:
    explicit LocalLimiter(std::size_t max_keys = 100'000);
    boost::asio::awaitable<LimitDecision> take(std::vector<LimitKey> keys) override;
    /// The same at `now_ms` of a clock of the caller's, synchronously; for take and for tests.
    LimitDecision take_at(const std::vector<LimitKey>& keys, std::int64_t now_ms);
    /// How many keys are held now.
    std::size_t size() const;

  private:
    void evict(std::int64_t now_ms);

    const std::size_t max_keys_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::int64_t> tats_;
    std::size_t sweep_at_;
};

/// The allowances of every process, in Redis (one Lua script, keys expiring when idle), with
/// `fallback` counting alone while Redis does not answer.
class RedisLimiter : public Limiter {
  public:
    RedisLimiter(redis::Client& redis, LocalLimiter& fallback) : redis_(redis), fallback_(fallback) {}
    boost::asio::awaitable<LimitDecision> take(std::vector<LimitKey> keys) override;

  private:
    redis::Client& redis_;
    LocalLimiter& fallback_;
};

/// The write classes' limits (per user, a minute) and the per-address multiplier, from
/// RATE_LIMIT_<CLASS>_PER_MINUTE and RATE_LIMIT_ADDRESS_MULTIPLIER.
struct WriteLimitSettings {
    std::map<std::string, Limit, std::less<>> per_user;  ///< by class: reviews, comments, shares, ...
    std::int64_t address_multiplier = 20;
};

/// The write classes, with their default per-user limits a minute.
inline const std::map<std::string, std::int64_t, std::less<>>& write_class_defaults() {
    static const std::map<std::string, std::int64_t, std::less<>> defaults{
        {"reviews", 10}, {"comments", 20},    {"shares", 30}, {"views", 120}, {"cart", 120},
        {"orders", 30},  {"withdrawals", 10}, {"earn", 20},   {"uploads", 60},
    };
    return defaults;
}

/// Reads the settings. Throws ConfigError naming a variable that is not a whole number in range.
WriteLimitSettings load_write_limit_settings(const core::Env& env);

/// The limits every write route shares: the settings and the limiter (Redis's when there is one).
class WriteLimits {
  public:
    /// `redis` may be null (no REDIS_URL); it must outlive this.
    WriteLimits(WriteLimitSettings settings, redis::Client* redis);
    ~WriteLimits();
    WriteLimits(const WriteLimits&) = delete;
    WriteLimits& operator=(const WriteLimits&) = delete;

    /// The keys a request of `write_class` is counted by: the user's (when signed in) and the
    /// address's. Throws std::logic_error for an unknown class (a startup bug).
    std::vector<LimitKey> keys(std::string_view write_class, const Request& req) const;
    /// Checks that the class exists; throws std::logic_error otherwise.
    void check_class(std::string_view write_class) const;
    Limiter& limiter() { return *limiter_; }

  private:
    WriteLimitSettings settings_;
    LocalLimiter local_;
    std::unique_ptr<RedisLimiter> redis_;
    Limiter* limiter_;
};

/// The handler behind the rate limit of `write_class` (one of write_class_defaults()).
Handler rate_limited(WriteLimits& limits, std::string_view write_class, Handler handler);

}  // namespace superapp::platform::http
