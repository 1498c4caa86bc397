#include "platform/core/object_id.hpp"

#include <openssl/rand.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <stdexcept>

namespace superapp::platform::core {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

std::array<std::uint8_t, 8> random_bytes() {
    std::array<std::uint8_t, 8> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        throw std::runtime_error("RAND_bytes failed while seeding ObjectId");
    }
    return bytes;
}

// Chosen once per process: 5 bytes that tell this process's ids from every other's, and the counter's start,
// so two processes started in the same second do not count from the same value.
struct ProcessState {
    std::array<std::uint8_t, 5> unique{};
    std::atomic<std::uint32_t> counter{0};

    ProcessState() {
        const auto r = random_bytes();
        std::memcpy(unique.data(), r.data(), unique.size());
        counter.store(static_cast<std::uint32_t>(r[5]) << 16 | static_cast<std::uint32_t>(r[6]) << 8 | r[7]);
    }
};

ProcessState& process_state() {
    static ProcessState state;
    return state;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

ObjectId ObjectId::generate() {
    ProcessState& state = process_state();
    const auto secs = static_cast<std::uint32_t>(
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    // Relaxed is enough: the counter only has to hand out distinct values, not order other memory.
    const std::uint32_t count = state.counter.fetch_add(1, std::memory_order_relaxed);

    Bytes b;
    b[0] = static_cast<std::uint8_t>(secs >> 24);
    b[1] = static_cast<std::uint8_t>(secs >> 16);
    b[2] = static_cast<std::uint8_t>(secs >> 8);
    b[3] = static_cast<std::uint8_t>(secs);
    std::memcpy(b.data() + 4, state.unique.data(), state.unique.size());
    b[9] = static_cast<std::uint8_t>(count >> 16);
    b[10] = static_cast<std::uint8_t>(count >> 8);
    b[11] = static_cast<std::uint8_t>(count);
    return ObjectId(b);
}

std::optional<ObjectId> ObjectId::parse(std::string_view text) {
    if (text.size() != kSize * 2) return std::nullopt;
    Bytes b;
    for (std::size_t i = 0; i < kSize; ++i) {
        const int hi = hex_value(text[2 * i]);
        const int lo = hex_value(text[2 * i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        b[i] = static_cast<std::uint8_t>(hi << 4 | lo);
    }
    return ObjectId(b);
}

bool ObjectId::is_valid(std::string_view text) { return parse(text).has_value(); }

std::string ObjectId::to_string() const {
    std::string out(kSize * 2, '0');
    for (std::size_t i = 0; i < kSize; ++i) {
        out[2 * i] = kHexDigits[bytes_[i] >> 4];
        out[2 * i + 1] = kHexDigits[bytes_[i] & 0x0f];
    }
    return out;
}

std::uint32_t ObjectId::seconds() const {
    return static_cast<std::uint32_t>(bytes_[0]) << 24 | static_cast<std::uint32_t>(bytes_[1]) << 16 |
           static_cast<std::uint32_t>(bytes_[2]) << 8 | bytes_[3];
}

}  // namespace superapp::platform::core

std::size_t std::hash<superapp::platform::core::ObjectId>::operator()(
    const superapp::platform::core::ObjectId& id) const noexcept {
    std::uint64_t tail = 0;
    std::memcpy(&tail, id.bytes().data() + 4, sizeof tail);
    // splitmix64's finalizer: every input bit reaches every output bit, so bucket indices spread evenly.
    std::uint64_t h = tail ^ (static_cast<std::uint64_t>(id.seconds()) << 32 | id.seconds());
    h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
    h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
    return static_cast<std::size_t>(h ^ (h >> 31));
}
