// libFuzzer target for the Engine.IO packet codec (tests/fuzz/run engine_io builds and runs it).
//
// Input: byte 0's low bit picks a long-polling payload (0) or one WebSocket frame (1), its next bit
// whether that frame is binary; the rest is the payload or frame. Every input must be decoded without
// a crash, a leak or undefined behaviour, within the size limit, and whatever decodes must encode to
// something that decodes to the same packets.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "platform/realtime/engine_io/packet.hpp"

namespace eio = superapp::platform::realtime::engine_io;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const bool frame = (data[0] & 1) != 0;
    const bool binary = (data[0] & 2) != 0;
    const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
    constexpr std::size_t kMax = 2048;

    if (frame) {
        const eio::DecodeResult r = eio::decode(rest, binary, kMax);
        if (!r) {
            if (r.error == eio::Error::none) std::abort();
            return 0;
        }
        if (r.packet->binary && r.packet->type != eio::PacketType::message) std::abort();
        const eio::Frame f = eio::encode(*r.packet);
        const eio::DecodeResult again = eio::decode(f.bytes, f.binary, SIZE_MAX);
        if (!again || *again.packet != *r.packet) std::abort();
        // The polling form decodes to the same packet too.
        const eio::DecodeResult text = eio::decode(eio::encode_text(*r.packet), false, SIZE_MAX);
        if (!text || *text.packet != *r.packet) std::abort();
        return 0;
    }

    const eio::PayloadResult r = eio::decode_payload(rest, kMax);
    if (!r) {
        if (!r.packets.empty()) std::abort();
        return 0;
    }
    if (r.packets.empty()) std::abort();
    const std::string encoded = eio::encode_payload(r.packets);
    const eio::PayloadResult again = eio::decode_payload(encoded, SIZE_MAX);
    if (!again || again.packets != r.packets) std::abort();
    return 0;
}
