#pragma once
// A WebSocket frame as a client sends it (masked), for the tests of the server's frame reader.
#include <cstdint>
#include <string>
#include <string_view>

namespace superapp::platform::realtime::test_support {

/// `first_byte` is FIN, RSV and the opcode; payloads up to 65,535 bytes.
inline std::string client_frame(std::uint8_t first_byte, std::string_view payload,
                                std::string_view key = "\x11\x22\x33\x44") {
    std::string out(1, static_cast<char>(first_byte));
    if (payload.size() < 126) {
        out += static_cast<char>(0x80 | payload.size());
    } else {
        out += static_cast<char>(0x80 | 126);
        out += static_cast<char>(payload.size() >> 8);
        out += static_cast<char>(payload.size() & 0xff);
    }
    out += key;
    for (std::size_t i = 0; i < payload.size(); ++i) out += static_cast<char>(payload[i] ^ key[i & 3]);
    return out;
}

}  // namespace superapp::platform::realtime::test_support
