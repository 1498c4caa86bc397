#include "platform/realtime/server/shard.hpp"

#include <openssl/rand.h>

#include <array>
#include <charconv>
#include <cstdio>
#include <stdexcept>

#include "platform/core/base64.hpp"

namespace superapp::platform::realtime {

std::shared_ptr<Session> ShardState::find(const std::string& sid) const {
    auto it = sessions.find(sid);
    return it == sessions.end() ? nullptr : it->second;
}

std::string make_sid(int shard) {
    std::array<unsigned char, 15> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) throw std::runtime_error("RAND_bytes failed");
    char prefix[3];
    std::snprintf(prefix, sizeof prefix, "%02x", shard & 0xff);
    return prefix + core::base64url_encode(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

int shard_of_sid(std::string_view sid) {
    if (sid.size() != 22) return -1;
    int shard = -1;
    auto [end, ec] = std::from_chars(sid.data(), sid.data() + 2, shard, 16);
    if (ec != std::errc{} || end != sid.data() + 2) return -1;
    return shard;
}

}  // namespace superapp::platform::realtime
