#pragma once
// RFC 6455 framing for the server's side of a WebSocket once its handshake is done: the header of a
// frame the server sends (final, unmasked), and a reader of the frames a client sends (masked), which
// joins fragments, holds a message size limit and refuses text that is not UTF-8. No extension is negotiated, so RSV
// bits are refused. Pure, no I/O; one connection's thread.
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace superapp::platform::realtime::websocket {

enum class Opcode : std::uint8_t { continuation = 0, text = 1, binary = 2, close = 8, ping = 9, pong = 10 };

/// The header of a final, unmasked frame: 2, 4 or 10 bytes.
struct Header {
    std::array<char, 10> bytes{};
    std::uint8_t size = 0;
    std::string_view view() const { return {bytes.data(), size}; }
};

/// The header of a final, unmasked frame of `payload_size` bytes.
Header header(Opcode opcode, std::size_t payload_size);
/// A whole final, unmasked frame: its header, then `payload`.
std::string frame(Opcode opcode, std::string_view payload);

/// Close codes the server sends (RFC 6455 section 7.4.1).
enum class CloseCode : std::uint16_t { protocol_error = 1002, invalid_data = 1007, too_big = 1009 };

/// The payload of a close frame with `code` and no reason.
std::string close_payload(CloseCode code);
/// The payload of the close frame that answers a client's close frame with `payload`: its code when the
/// code is one a peer may send and the reason is UTF-8, nothing when it had none, else 1002 (a 1-byte
/// payload or a code that is reserved or unassigned) or 1007 (a reason that is not UTF-8).
std::string close_reply(std::string_view payload);

/// A message from the client (text or binary, its fragments joined), or one of its control frames.
struct Message {
    Opcode opcode;
    std::string_view data;
};

enum class ReadError : std::uint8_t {
    none,
    protocol,  // not a valid client frame: unmasked, RSV bits, unknown opcode, bad fragment or control frame, text not
               // UTF-8
    too_big,   // a message over the limit
};

class Reader {
  public:
    /// Called for each message or control frame; its data is valid during the call only. Returns
    /// false to stop reading (what follows is dropped).
    using Handler = std::function<bool(const Message&)>;

    explicit Reader(std::size_t max_message) : max_message_(max_message) {}

    /// Reads `size` bytes from the client (unmasked in place). A frame cut short is kept until the
    /// rest arrives. Stops at the first error, or when the handler returns false.
    ReadError feed(char* bytes, std::size_t size, const Handler& on_message);

  private:
    ReadError parse(char* data, std::size_t size, std::size_t& used, const Handler& on_message, bool& stop);

    std::size_t max_message_;
    std::string partial_;  // the start of a frame not yet whole
    std::string message_;  // the fragments of a message not yet final
    Opcode message_opcode_ = Opcode::text;
    bool in_message_ = false;
};

}  // namespace superapp::platform::realtime::websocket
