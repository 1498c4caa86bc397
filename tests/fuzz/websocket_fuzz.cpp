// libFuzzer target for the server's WebSocket frame reader (tests/fuzz/run websocket builds and runs it).
//
// Input: byte 0 is the size of the pieces (1 to 256) the rest is cut into, as reads from a socket
// would cut it. Every input must be read without a crash, a leak or undefined behaviour; no message
// may be over the limit nor a control frame over 125 bytes; and reading it in pieces must give the
// same messages and the same outcome as reading it in one piece.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "platform/realtime/websocket/frame.hpp"

namespace ws = superapp::platform::realtime::websocket;

namespace {

constexpr std::size_t kMax = 1024;

struct Outcome {
    std::vector<std::pair<ws::Opcode, std::string>> messages;
    ws::ReadError error = ws::ReadError::none;
};

Outcome read(std::string bytes, std::size_t piece) {
    ws::Reader reader(kMax);
    Outcome out;
    const ws::Reader::Handler handler = [&out](const ws::Message& m) {
        const bool control = static_cast<std::uint8_t>(m.opcode) >= 8;
        if (m.data.size() > (control ? 125 : kMax)) std::abort();
        if (m.opcode == ws::Opcode::continuation) std::abort();
        out.messages.emplace_back(m.opcode, std::string(m.data));
        return true;
    };
    for (std::size_t at = 0; at < bytes.size() && out.error == ws::ReadError::none; at += piece) {
        const std::size_t n = std::min(piece, bytes.size() - at);
        out.error = reader.feed(bytes.data() + at, n, handler);
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const std::size_t piece = std::size_t{data[0]} + 1;
    const std::string bytes(reinterpret_cast<const char*>(data + 1), size - 1);
    const Outcome whole = read(bytes, bytes.size() + 1);
    const Outcome cut = read(bytes, piece);
    if (whole.error != cut.error || whole.messages != cut.messages) std::abort();
    return 0;
}
