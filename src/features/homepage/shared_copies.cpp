#include "features/homepage/shared_copies.hpp"

namespace superapp::features::homepage {

namespace asio = boost::asio;

namespace {

std::string key_of(std::string_view part) { return std::string(kCopyPrefix) + std::string(part); }

std::string generation_key() { return key_of("gen"); }

// KEYS[1] the copy, KEYS[2] the generation; ARGV[1] the text, ARGV[2] its ttl in ms, ARGV[3] the
// generation read before building. A missing generation reads as "0".
constexpr const char* kKeepScript =
    "if (redis.call('GET', KEYS[2]) or '0') == ARGV[3] then "
    "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end";

// KEYS[1] the generation, KEYS[2..] the copies to delete.
constexpr const char* kDropScript = "redis.call('INCR', KEYS[1]) for i = 2, #KEYS do redis.call('DEL', KEYS[i]) end";

// The copy and the generation, read together.
std::vector<std::string> lookup_keys(const std::string& key) { return {key, generation_key()}; }

}  // namespace

asio::awaitable<std::string> SharedCopies::text(std::string part, std::chrono::milliseconds ttl, Build build) {
    if (redis_ == nullptr) co_return co_await build();
    const std::string key = key_of(part);
    std::optional<std::string> generation;
    try {
        std::vector<std::optional<std::string>> found = co_await redis_->mget(lookup_keys(key));
        if (found.at(0)) co_return std::move(*found[0]);
        generation = found.at(1).value_or("0");
    } catch (const platform::redis::Unavailable&) {
        // A miss; the client has logged the outage. Nothing is stored without a generation.
    }
    std::string text = co_await build();
    if (generation) keep(key, text, *generation, ttl);
    co_return text;
}

void SharedCopies::keep(const std::string& key, const std::string& text, const std::string& generation,
                        std::chrono::milliseconds ttl) {
    redis_->send({"EVAL", kKeepScript, "2", key, generation_key(), text, std::to_string(ttl.count()), generation});
}

void SharedCopies::drop(const std::vector<std::string>& parts) {
    if (redis_ == nullptr) return;
    std::vector<std::string> args{"EVAL", kDropScript, std::to_string(parts.size() + 1), generation_key()};
    for (const auto& part : parts) args.push_back(key_of(part));
    redis_->send(std::move(args));
}

}  // namespace superapp::features::homepage
