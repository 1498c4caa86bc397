#pragma once
// The Redis copies of the homepage's public parts (REDIS_URL set), so that one `serve` process
// builds a part and the others read it instead of the database. Each process still keeps its own
// copy in memory first; Redis is asked only on a memory miss, and a Redis that is down or slow
// (any error) is a miss: the part is built as without Redis.
//
// A build that started before a change must not store what it read after the change dropped the
// copies. The copies carry a generation (the key homepage:v1:gen): a miss reads it together with the
// copy (MGET), drop() bumps it and deletes the copies in one script, and the built text is stored
// by a script that SETs only while the generation is still the one read before building.
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "platform/redis/client.hpp"

namespace superapp::features::homepage {

/// Bump with any change to what a part's text holds, so processes of two versions never share one.
inline constexpr std::string_view kCopyPrefix = "homepage:v1:";

class SharedCopies {
  public:
    using Build = std::function<boost::asio::awaitable<std::string>()>;

    /// `redis` null: no copies; text() always builds.
    explicit SharedCopies(platform::redis::Client* redis) : redis_(redis) {}

    /// The text of `part`: Redis's copy when there is one, else build() (stored in Redis for `ttl`
    /// without waiting for it).
    boost::asio::awaitable<std::string> text(std::string part, std::chrono::milliseconds ttl, Build build);
    /// Deletes the copies of `parts` (and stops builds in flight from storing theirs), ahead of any
    /// text() called after this returns. Any thread; does not wait for Redis.
    void drop(const std::vector<std::string>& parts);

  private:
    /// Stores `text` under `key` unless the generation moved on from `generation`; does not wait.
    void keep(const std::string& key, const std::string& text, const std::string& generation,
              std::chrono::milliseconds ttl);

    platform::redis::Client* redis_;
};

}  // namespace superapp::features::homepage
