#pragma once
// Engine.IO v4 packet codec (https://github.com/socketio/engine.io-protocol): pure, no I/O, any thread.
//
// A text packet is its type digit followed by its data ("4hello", "2probe"). Over WebSocket a binary
// message is the frame's raw bytes; inside a long-polling payload it is "b" followed by standard base64
// (with padding). A payload joins its packets with the record separator "\x1e". Bad client input never
// throws: decoders return an error value.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace superapp::platform::realtime::engine_io {

enum class PacketType : std::uint8_t { open = 0, close = 1, ping = 2, pong = 3, message = 4, upgrade = 5, noop = 6 };

struct Packet {
    PacketType type = PacketType::message;
    std::string data;
    /// Only a message can be binary: then data holds the raw bytes.
    bool binary = false;

    friend bool operator==(const Packet&, const Packet&) = default;
};

enum class Error : std::uint8_t {
    none,
    empty,         // an empty frame or an empty packet inside a payload
    unknown_type,  // the first character is not 0-6 (nor "b" for a base64 message)
    bad_base64,    // "b" followed by something that is not padded standard base64
    too_large,     // over the maximum payload size
};

/// A short English description of the error, for logs ("unknown packet type").
std::string_view describe(Error error);

struct DecodeResult {
    std::optional<Packet> packet;
    Error error = Error::none;
    explicit operator bool() const { return packet.has_value(); }
};

struct PayloadResult {
    std::vector<Packet> packets;
    Error error = Error::none;
    explicit operator bool() const { return error == Error::none; }
};

/// What one packet becomes on a WebSocket: a text frame, or a binary frame of the raw bytes.
struct Frame {
    std::string bytes;
    bool binary = false;
};

/// The default maximum payload, as the Node server's maxPayload (1 MB).
inline constexpr std::size_t kDefaultMaxPayload = 1'000'000;

/// Encodes one packet for a WebSocket frame.
Frame encode(const Packet& packet);
/// Encodes one packet as text: binary messages become "b<base64>" (the long-polling form).
std::string encode_text(const Packet& packet);
/// Encodes packets as one long-polling payload: each as encode_text, separated by "\x1e".
std::string encode_payload(std::span<const Packet> packets);

/// Decodes one WebSocket frame (binary: the raw bytes of a message). A text frame may also carry
/// "b<base64>", which the Node server accepts too. Refuses frames over max_size bytes.
DecodeResult decode(std::string_view frame, bool binary_frame, std::size_t max_size = kDefaultMaxPayload);
/// Decodes a long-polling payload (an HTTP POST body). Refuses a body over max_payload bytes and stops
/// at the first bad packet (packets is then empty).
PayloadResult decode_payload(std::string_view payload, std::size_t max_payload = kDefaultMaxPayload);

/// The open packet's handshake data.
struct Handshake {
    std::string sid;
    std::vector<std::string> upgrades;  // {"websocket"} on polling, {} on a WebSocket
    std::uint64_t ping_interval_ms = 25000;
    std::uint64_t ping_timeout_ms = 20000;
    std::uint64_t max_payload = kDefaultMaxPayload;
};

/// The open packet: {"sid":...,"upgrades":[...],"pingInterval":...,"pingTimeout":...,"maxPayload":...}.
Packet open_packet(const Handshake& handshake);

/// Standard base64 with padding (RFC 4648 section 4), as used by "b" packets.
std::string base64_encode(std::string_view bytes);
/// Strict: the length is a multiple of 4, only the alphabet, "=" only as the last one or two characters.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace superapp::platform::realtime::engine_io
