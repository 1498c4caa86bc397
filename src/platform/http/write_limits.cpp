#include "platform/http/write_limits.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "platform/core/config.hpp"
#include "platform/redis/client.hpp"

namespace superapp::platform::http {

namespace asio = boost::asio;

namespace {

constexpr std::int64_t kMinuteMs = 60'000;

std::int64_t interval_ms(Limit limit) { return std::max<std::int64_t>(1, kMinuteMs / limit.per_minute); }
std::int64_t capacity_ms(Limit limit) { return interval_ms(limit) * limit.per_minute; }
std::int64_t ceil_seconds(std::int64_t ms) { return (ms + 999) / 1000; }

std::int64_t steady_now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// One GCRA step over every key at once, in Redis's clock (TIME), so that all processes agree.
// KEYS: the allowances. ARGV: per key, its emission interval and its capacity, in milliseconds.
// Answers {allowed (0/1), now, each key's theoretical arrival time after the step}. A key expires
// when its allowance is full again. Mirrors gcra_step() below: change both together.
constexpr std::string_view kGcraScript = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local tats = {}
local allowed = 1
for i = 1, #KEYS do
  local interval = tonumber(ARGV[2 * i - 1])
  local capacity = tonumber(ARGV[2 * i])
  local tat = tonumber(redis.call('GET', KEYS[i]) or '0') or 0
  if tat < now then tat = now end
  if tat + interval - now > capacity then allowed = 0 end
  tats[i] = tat
end
if allowed == 1 then
  for i = 1, #KEYS do
    tats[i] = tats[i] + tonumber(ARGV[2 * i - 1])
    redis.call('SET', KEYS[i], string.format('%d', tats[i]), 'PX', string.format('%d', tats[i] - now))
  end
end
local out = {allowed, now}
for i = 1, #KEYS do out[#out + 1] = tats[i] end
return out
)lua";

asio::awaitable<Response> run_limited(WriteLimits& limits, const std::string& write_class, const Handler& handler,
                                      Request& req) {
    const LimitDecision decision = co_await limits.limiter().take(limits.keys(write_class, req));
    if (!decision.allowed) {
        throw RateLimited("too many " + write_class + " requests; retry after " +
                              std::to_string(decision.retry_after.count()) + " s",
                          decision.retry_after, decision.rate);
    }
    Response res = co_await handler(req);
    // A handler with a limit of its own (video comments) reports that one.
    if (!res.headers.has("RateLimit-Limit")) set_rate_limit_headers(res.headers, decision.rate);
    co_return res;
}

}  // namespace

GcraStep gcra_step(std::int64_t tat_ms, std::int64_t now_ms, Limit limit) {
    const std::int64_t base = std::max(tat_ms, now_ms);
    const std::int64_t next = base + interval_ms(limit);
    if (next - now_ms > capacity_ms(limit)) return {false, base};
    return {true, next};
}

LimitDecision describe(const std::vector<LimitKey>& keys, const std::vector<std::int64_t>& tats_ms, bool allowed,
                       std::int64_t now_ms) {
    LimitDecision d;
    d.allowed = allowed;
    std::int64_t retry_ms = 0;
    bool first = true;
    for (std::size_t i = 0; i < keys.size() && i < tats_ms.size(); ++i) {
        const Limit limit = keys[i].limit;
        const std::int64_t used = std::max<std::int64_t>(0, tats_ms[i] - now_ms);
        const std::int64_t left = std::clamp<std::int64_t>((capacity_ms(limit) - used) / interval_ms(limit), 0,
                                                           limit.per_minute);
        if (!allowed) retry_ms = std::max(retry_ms, used + interval_ms(limit) - capacity_ms(limit));
        if (first || left < d.rate.remaining) {
            d.rate = RateLimit{static_cast<int>(limit.per_minute), static_cast<int>(left),
                               std::chrono::seconds(ceil_seconds(used))};
            first = false;
        }
    }
    if (!allowed) d.retry_after = std::chrono::seconds(std::max<std::int64_t>(1, ceil_seconds(retry_ms)));
    return d;
}

LocalLimiter::LocalLimiter(std::size_t max_keys) : max_keys_(std::max<std::size_t>(max_keys, 16)), sweep_at_(1024) {}

asio::awaitable<LimitDecision> LocalLimiter::take(std::vector<LimitKey> keys) {
    co_return take_at(keys, steady_now_ms());
}

LimitDecision LocalLimiter::take_at(const std::vector<LimitKey>& keys, std::int64_t now_ms) {
    std::lock_guard lock(mutex_);
    std::vector<std::int64_t> tats;
    tats.reserve(keys.size());
    bool allowed = true;
    for (const auto& k : keys) {
        const auto found = tats_.find(k.key);
        const GcraStep step = gcra_step(found == tats_.end() ? 0 : found->second, now_ms, k.limit);
        allowed = allowed && step.allowed;
        tats.push_back(step.tat_ms);
    }
    if (!allowed) {
        // Nothing is counted: each key keeps the state it had.
        for (std::size_t i = 0; i < keys.size(); ++i) {
            const auto found = tats_.find(keys[i].key);
            tats[i] = found == tats_.end() ? now_ms : std::max(found->second, now_ms);
        }
        return describe(keys, tats, false, now_ms);
    }
    if (tats_.size() + keys.size() > sweep_at_) evict(now_ms);
    for (std::size_t i = 0; i < keys.size(); ++i) tats_[keys[i].key] = tats[i];
    return describe(keys, tats, true, now_ms);
}

std::size_t LocalLimiter::size() const {
    std::lock_guard lock(mutex_);
    return tats_.size();
}

void LocalLimiter::evict(std::int64_t now_ms) {
    // An allowance that is full again behaves as a key never seen: forgetting it changes nothing.
    std::erase_if(tats_, [now_ms](const auto& entry) { return entry.second <= now_ms; });
    if (tats_.size() >= max_keys_ / 2) {
        // Still crowded: forget the half closest to full (the least a forgotten key can gain).
        std::vector<std::pair<std::int64_t, std::string>> by_tat;
        by_tat.reserve(tats_.size());
        for (const auto& [key, tat] : tats_) by_tat.emplace_back(tat, key);
        const auto middle = by_tat.begin() + static_cast<std::ptrdiff_t>(by_tat.size() / 2);
        std::nth_element(by_tat.begin(), middle, by_tat.end());
        for (auto it = by_tat.begin(); it != middle; ++it) tats_.erase(it->second);
    }
    sweep_at_ = std::min(max_keys_, std::max<std::size_t>(1024, tats_.size() * 2));
}

asio::awaitable<LimitDecision> RedisLimiter::take(std::vector<LimitKey> keys) {
    std::vector<std::string> args{"EVAL", std::string(kGcraScript), std::to_string(keys.size())};
    for (const auto& k : keys) args.push_back(k.key);
    for (const auto& k : keys) {
        args.push_back(std::to_string(interval_ms(k.limit)));
        args.push_back(std::to_string(capacity_ms(k.limit)));
    }
    std::optional<redis::Reply> reply;
    try {
        reply = co_await redis_.command(std::move(args));
    } catch (const redis::Unavailable&) {
        // The client logs that Redis is down; each process counts alone meanwhile.
    }
    if (!reply || reply->elements.size() != keys.size() + 2) co_return fallback_.take_at(keys, steady_now_ms());
    std::vector<std::int64_t> tats;
    tats.reserve(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) tats.push_back(reply->elements[i + 2].integer);
    co_return describe(keys, tats, reply->elements[0].integer == 1, reply->elements[1].integer);
}

WriteLimitSettings load_write_limit_settings(const core::Env& env) {
    WriteLimitSettings s;
    core::EnvReader reader(env);
    for (const auto& [name, per_minute] : write_class_defaults()) {
        std::string upper = name;
        std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        const std::string variable = "RATE_LIMIT_" + upper + "_PER_MINUTE";
        Limit limit{per_minute};
        reader.integer(variable.c_str(), limit.per_minute, 1, 60'000);
        s.per_user.emplace(name, limit);
    }
    reader.integer("RATE_LIMIT_ADDRESS_MULTIPLIER", s.address_multiplier, 1, 1'000);
    reader.throw_if_invalid();
    return s;
}

WriteLimits::WriteLimits(WriteLimitSettings settings, redis::Client* redis)
    : settings_(std::move(settings)),
      redis_(redis ? std::make_unique<RedisLimiter>(*redis, local_) : nullptr),
      limiter_(redis_ ? static_cast<Limiter*>(redis_.get()) : &local_) {}

WriteLimits::~WriteLimits() = default;

void WriteLimits::check_class(std::string_view write_class) const {
    if (!settings_.per_user.contains(write_class)) {
        throw std::logic_error("rate_limited: unknown write class " + std::string(write_class));
    }
}

std::vector<LimitKey> WriteLimits::keys(std::string_view write_class, const Request& req) const {
    const auto found = settings_.per_user.find(write_class);
    if (found == settings_.per_user.end()) {
        throw std::logic_error("rate_limited: unknown write class " + std::string(write_class));
    }
    const Limit user = found->second;
    const std::string prefix = "superapp:rl:" + std::string(write_class);
    std::vector<LimitKey> keys;
    if (req.principal) keys.push_back({prefix + ":user:" + req.principal->user_id, user});
    keys.push_back({prefix + ":address:" + req.client_ip, Limit{user.per_minute * settings_.address_multiplier}});
    return keys;
}

Handler rate_limited(WriteLimits& limits, std::string_view write_class, Handler handler) {
    limits.check_class(write_class);
    return [&limits, write_class = std::string(write_class), handler = std::move(handler)](Request& req) {
        return run_limited(limits, write_class, handler, req);
    };
}

}  // namespace superapp::platform::http
