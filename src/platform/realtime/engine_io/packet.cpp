#include "platform/realtime/engine_io/packet.hpp"

#include <openssl/evp.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <climits>

#include "platform/core/json.hpp"

namespace superapp::platform::realtime::engine_io {
namespace {

constexpr char kSeparator = '\x1e';

bool is_base64_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

DecodeResult decode_text(std::string_view text) {
    if (text.empty()) return {.error = Error::empty};
    const char first = text.front();
    if (first == 'b') {
        auto bytes = base64_decode(text.substr(1));
        if (!bytes) return {.error = Error::bad_base64};
        return {.packet = Packet{.type = PacketType::message, .data = std::move(*bytes), .binary = true}};
    }
    if (first < '0' || first > '6') return {.error = Error::unknown_type};
    return {.packet = Packet{.type = static_cast<PacketType>(first - '0'), .data = std::string(text.substr(1))}};
}

}  // namespace

std::string_view describe(Error error) {
    switch (error) {
        case Error::none: return "no error";
        case Error::empty: return "empty packet";
        case Error::unknown_type: return "unknown packet type";
        case Error::bad_base64: return "invalid base64 in a binary packet";
        case Error::too_large: return "payload too large";
    }
    return "unknown error";
}

std::string base64_encode(std::string_view bytes) {
    if (bytes.empty()) return {};
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    std::size_t written = 0;
    // EVP_EncodeBlock takes an int length: encode in chunks of a multiple of 3 bytes.
    constexpr std::size_t kChunk = 3 * (1 << 20);
    for (std::size_t at = 0; at < bytes.size(); at += kChunk) {
        const std::size_t n = std::min(kChunk, bytes.size() - at);
        written += static_cast<std::size_t>(EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data() + written),
                                                            reinterpret_cast<const unsigned char*>(bytes.data() + at),
                                                            static_cast<int>(n)));
    }
    out.resize(written);
    return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    if (text.empty()) return std::string();
    std::size_t padding = 0;
    if (text.back() == '=') padding = text[text.size() - 2] == '=' ? 2 : 1;
    for (std::size_t i = 0; i < text.size() - padding; ++i) {
        if (!is_base64_char(text[i])) return std::nullopt;
    }
    std::string out(text.size() / 4 * 3, '\0');
    std::size_t written = 0;
    // Chunks of a multiple of 4 characters; only the last one can carry padding.
    constexpr std::size_t kChunk = 4 * (1 << 20);
    for (std::size_t at = 0; at < text.size(); at += kChunk) {
        const std::size_t n = std::min(kChunk, text.size() - at);
        const int got = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data() + written),
                                        reinterpret_cast<const unsigned char*>(text.data() + at), static_cast<int>(n));
        if (got < 0) return std::nullopt;
        written += static_cast<std::size_t>(got);
    }
    out.resize(written - padding);  // EVP_DecodeBlock counts the padding as zero bytes
    return out;
}

std::string encode_text(const Packet& packet) {
    if (packet.binary) return "b" + base64_encode(packet.data);
    std::string out;
    out.reserve(1 + packet.data.size());
    out += static_cast<char>('0' + static_cast<int>(packet.type));
    out += packet.data;
    return out;
}

Frame encode(const Packet& packet) {
    if (packet.binary) return {.bytes = packet.data, .binary = true};
    return {.bytes = encode_text(packet), .binary = false};
}

std::string encode_payload(std::span<const Packet> packets) {
    std::string out;
    for (std::size_t i = 0; i < packets.size(); ++i) {
        if (i > 0) out += kSeparator;
        out += encode_text(packets[i]);
    }
    return out;
}

DecodeResult decode(std::string_view frame, bool binary_frame, std::size_t max_size) {
    if (frame.size() > max_size) return {.error = Error::too_large};
    if (binary_frame) {
        return {.packet = Packet{.type = PacketType::message, .data = std::string(frame), .binary = true}};
    }
    return decode_text(frame);
}

PayloadResult decode_payload(std::string_view payload, std::size_t max_payload) {
    if (payload.size() > max_payload) return {.error = Error::too_large};
    if (payload.empty()) return {.error = Error::empty};
    PayloadResult result;
    for (;;) {
        const std::size_t end = payload.find(kSeparator);
        DecodeResult one = decode_text(payload.substr(0, end));
        if (!one) return {.error = one.error};
        result.packets.push_back(std::move(*one.packet));
        if (end == std::string_view::npos) break;
        payload.remove_prefix(end + 1);
    }
    return result;
}

Packet open_packet(const Handshake& handshake) {
    boost::json::array upgrades;
    for (const std::string& u : handshake.upgrades) upgrades.emplace_back(u);
    boost::json::object o;
    o["sid"] = handshake.sid;
    o["upgrades"] = std::move(upgrades);
    o["pingInterval"] = handshake.ping_interval_ms;
    o["pingTimeout"] = handshake.ping_timeout_ms;
    o["maxPayload"] = handshake.max_payload;
    return {.type = PacketType::open, .data = core::serialize(o), .binary = false};
}

}  // namespace superapp::platform::realtime::engine_io
