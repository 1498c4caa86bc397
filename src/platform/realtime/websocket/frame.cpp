#include "platform/realtime/websocket/frame.hpp"

#include <cstring>

#include "platform/core/utf8.hpp"

namespace superapp::platform::realtime::websocket {

namespace {

bool is_control(std::uint8_t opcode) { return opcode >= 8; }

bool is_known(std::uint8_t opcode) {
    switch (static_cast<Opcode>(opcode)) {
        case Opcode::continuation:
        case Opcode::text:
        case Opcode::binary:
        case Opcode::close:
        case Opcode::ping:
        case Opcode::pong: return true;
    }
    return false;
}

std::uint64_t big_endian(const char* p, int bytes) {
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}

bool valid_utf8(std::string_view s) { return core::utf8_length(s).has_value(); }

void unmask(char* payload, std::size_t size, const char* key) {
    for (std::size_t i = 0; i < size; ++i) payload[i] = static_cast<char>(payload[i] ^ key[i & 3]);
}

}  // namespace

Header header(Opcode opcode, std::size_t payload_size) {
    Header h;
    h.bytes[0] = static_cast<char>(0x80 | static_cast<std::uint8_t>(opcode));
    if (payload_size < 126) {
        h.bytes[1] = static_cast<char>(payload_size);
        h.size = 2;
    } else if (payload_size <= 0xffff) {
        h.bytes[1] = 126;
        h.bytes[2] = static_cast<char>(payload_size >> 8);
        h.bytes[3] = static_cast<char>(payload_size);
        h.size = 4;
    } else {
        h.bytes[1] = 127;
        for (int i = 0; i < 8; ++i) h.bytes[2 + i] = static_cast<char>(std::uint64_t{payload_size} >> (56 - 8 * i));
        h.size = 10;
    }
    return h;
}

std::string frame(Opcode opcode, std::string_view payload) {
    std::string out(header(opcode, payload.size()).view());
    out += payload;
    return out;
}

std::string close_payload(CloseCode code) {
    const auto value = static_cast<std::uint16_t>(code);
    return {static_cast<char>(value >> 8), static_cast<char>(value & 0xff)};
}

std::string close_reply(std::string_view payload) {
    if (payload.empty()) return {};
    if (payload.size() < 2) return close_payload(CloseCode::protocol_error);
    const auto code = static_cast<std::uint16_t>(big_endian(payload.data(), 2));
    // 1004-1006 and 1015 are never sent, 1016-2999 are unassigned, 3000-4999 are for applications.
    const bool sendable =
        (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    if (!sendable) return close_payload(CloseCode::protocol_error);
    if (!valid_utf8(payload.substr(2))) return close_payload(CloseCode::invalid_data);
    return std::string(payload.substr(0, 2));
}

ReadError Reader::feed(char* bytes, std::size_t size, const Handler& on_message) {
    bool stop = false;
    std::size_t used = 0;
    if (partial_.empty()) {
        const ReadError error = parse(bytes, size, used, on_message, stop);
        if (error != ReadError::none || stop) return error;
        partial_.assign(bytes + used, size - used);
        return ReadError::none;
    }
    partial_.append(bytes, size);
    const ReadError error = parse(partial_.data(), partial_.size(), used, on_message, stop);
    if (error != ReadError::none || stop) return error;
    partial_.erase(0, used);
    if (partial_.empty()) partial_ = {};  // an idle connection keeps no buffer
    return ReadError::none;
}

ReadError Reader::parse(char* data, std::size_t size, std::size_t& used, const Handler& on_message, bool& stop) {
    while (size - used >= 2) {
        char* p = data + used;
        const std::size_t available = size - used;
        const auto b0 = static_cast<std::uint8_t>(p[0]);
        const auto b1 = static_cast<std::uint8_t>(p[1]);
        const bool fin = (b0 & 0x80) != 0;
        const std::uint8_t opcode = b0 & 0x0f;
        if ((b0 & 0x70) != 0 || (b1 & 0x80) == 0 || !is_known(opcode)) return ReadError::protocol;
        std::size_t header_size = 2;
        std::uint64_t length = b1 & 0x7f;
        if (length == 126) {
            if (available < 4) break;
            length = big_endian(p + 2, 2);
            header_size = 4;
        } else if (length == 127) {
            if (available < 10) break;
            length = big_endian(p + 2, 8);
            if (length >> 63) return ReadError::protocol;
            header_size = 10;
        }
        const bool control = is_control(opcode);
        if (control && (!fin || length > 125)) return ReadError::protocol;
        if (!control) {
            const bool continuation = opcode == static_cast<std::uint8_t>(Opcode::continuation);
            if (continuation != in_message_) return ReadError::protocol;
            if (length > max_message_ - message_.size()) return ReadError::too_big;
        }
        header_size += 4;                                                        // the mask key
        if (available < header_size || available - header_size < length) break;  // the rest is to come

        char* payload = p + header_size;
        const auto n = static_cast<std::size_t>(length);
        unmask(payload, n, p + header_size - 4);
        used += header_size + n;
        const std::string_view bytes(payload, n);
        bool go_on = true;
        if (control || (fin && !in_message_)) {
            if (opcode == static_cast<std::uint8_t>(Opcode::text) && !valid_utf8(bytes)) return ReadError::protocol;
            go_on = on_message({static_cast<Opcode>(opcode), bytes});
        } else {
            if (!in_message_) {
                in_message_ = true;
                message_opcode_ = static_cast<Opcode>(opcode);
            }
            message_ += bytes;
            if (fin) {
                in_message_ = false;
                if (message_opcode_ == Opcode::text && !valid_utf8(message_)) return ReadError::protocol;
                go_on = on_message({message_opcode_, message_});
                message_ = {};
            }
        }
        if (!go_on) {
            stop = true;
            return ReadError::none;
        }
    }
    return ReadError::none;
}

}  // namespace superapp::platform::realtime::websocket
