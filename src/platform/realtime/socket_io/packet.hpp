#pragma once
// Socket.IO v5 packet codec (https://github.com/socketio/socket.io-protocol): pure, no I/O, any thread.
//
// A packet travels as one Engine.IO text message
//     <type>[<attachments>-][<namespace>,][<ack id>][<JSON payload>]
// e.g. 2["hello",1]   21["ack-me"]   2/admin,["x"]   0{"token":"abc"}   4{"message":"unauthorized"}
// followed, for BINARY_EVENT and BINARY_ACK, by <attachments> Engine.IO binary messages that replace
// the payload's placeholders {"_placeholder":true,"num":<index>} in order.
//
// Binary inside a boost::json::value: an object with the single key kBinaryKey whose value is a string
// holding the raw bytes. Make one with binary(bytes) and recognise it with binary_of(value). The key
// starts with the byte 0xC0, which never occurs in UTF-8, so no JSON text a client sends can produce
// it (boost::json::parse refuses invalid UTF-8): a client's plain object is never mistaken for binary.
// encode() replaces these markers by placeholders; the Decoder puts them back.
#include <boost/json/value.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace superapp::platform::realtime::socket_io {

enum class PacketType : std::uint8_t {
    connect = 0,
    disconnect = 1,
    event = 2,
    ack = 3,
    connect_error = 4,
    binary_event = 5,
    binary_ack = 6,
};

struct Packet {
    PacketType type = PacketType::event;
    std::string nsp = "/";
    std::optional<std::uint64_t> id;
    /// The payload; null when the packet has none. May hold binary markers (see binary()).
    boost::json::value data;
    /// For a decoded BINARY_EVENT/BINARY_ACK: how many attachments it carried. encode() ignores it.
    std::size_t attachments = 0;
};

/// The key of the binary marker object: "\xC0" "binary".
inline constexpr std::string_view kBinaryKey =
    "\xC0"
    "binary";

/// A binary marker holding bytes.
boost::json::value binary(std::string_view bytes);
/// The bytes of a binary marker; nullopt for any other value.
std::optional<std::string_view> binary_of(const boost::json::value& value);
/// Whether value holds a binary marker anywhere inside.
bool has_binary(const boost::json::value& value);

/// Encodes a packet as the text of one Engine.IO message. Binary markers in data are moved, in
/// depth-first order, to binary_out (cleared first) and replaced by placeholders; an EVENT or ACK
/// that has any becomes a BINARY_EVENT or BINARY_ACK, and a BINARY_* that has none an EVENT or ACK.
/// Send the text, then each of binary_out as an Engine.IO binary message. JSON is written with
/// core::serialize. The id is written as given (callers keep it at most kMaxAckId), and so is nsp, which
/// must not contain ',' (the decoder ends a namespace at its first comma).
std::string encode(const Packet& packet, std::vector<std::string>& binary_out);

/// Ack ids above this (2^53 - 1, the largest integer JavaScript holds exactly) are refused.
inline constexpr std::uint64_t kMaxAckId = (std::uint64_t{1} << 53) - 1;

enum class Error : std::uint8_t {
    none,
    empty,                 // an empty message
    unknown_type,          // the first character is not 0-6
    bad_attachments,       // BINARY_* without "<count>-", or a count of 0
    too_many_attachments,  // more attachments than Limits::max_attachments
    bad_namespace,         // a namespace longer than Limits::max_namespace
    bad_ack_id,            // an ack id over kMaxAckId, or one on CONNECT/DISCONNECT/CONNECT_ERROR
    bad_json,              // the payload is not one JSON text (or nests deeper than 32)
    invalid_payload,       // the payload's shape does not fit the type (see Decoder)
    bad_placeholder,       // a placeholder whose num is not an attachment's index, or names one already used
    unexpected_binary,     // a binary message while no packet awaits attachments
    unexpected_text,       // a text message while a packet still awaits attachments
};

/// A short English description of the error, for logs ("invalid payload").
std::string_view describe(Error error);

struct Limits {
    std::size_t max_attachments = 10;  // as socket.io-parser's maxAttachments
    std::size_t max_namespace = 256;   // bytes, "/" included
};

/// Reassembles packets from Engine.IO messages. Payload rules (as socket.io-parser's): CONNECT has no
/// payload or an object; DISCONNECT none; CONNECT_ERROR none, an object or a string; EVENT and
/// BINARY_EVENT a non-empty array whose first element is a finite number or an event name other than the
/// reserved ones (connect, connect_error, disconnect, disconnecting, newListener, removeListener);
/// ACK and BINARY_ACK an array. After an error the decoder starts afresh. Not thread-safe.
class Decoder {
  public:
    explicit Decoder(Limits limits = {}) : limits_(limits) {}

    /// packet: a complete packet; neither packet nor error: attachments still awaited; error.
    struct Result {
        std::optional<Packet> packet;
        Error error = Error::none;
    };

    /// Feeds an Engine.IO text message.
    Result add_text(std::string_view text);
    /// Feeds an Engine.IO binary message (an attachment).
    Result add_binary(std::string_view bytes);
    /// Whether a packet is waiting for attachments.
    bool reconstructing() const { return pending_.has_value(); }
    /// Drops a packet waiting for attachments.
    void reset();

  private:
    Limits limits_;
    std::optional<Packet> pending_;
    std::vector<std::string> buffers_;
};

}  // namespace superapp::platform::realtime::socket_io
