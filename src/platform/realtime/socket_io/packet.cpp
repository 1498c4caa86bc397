#include "platform/realtime/socket_io/packet.hpp"

#include <array>
#include <boost/json/parse.hpp>
#include <cmath>

#include "platform/core/json.hpp"

namespace superapp::platform::realtime::socket_io {
namespace {

namespace json = boost::json;

constexpr std::array<std::string_view, 6> kReservedEvents = {"connect",       "connect_error", "disconnect",
                                                             "disconnecting", "newListener",   "removeListener"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_binary_type(PacketType type) { return type == PacketType::binary_event || type == PacketType::binary_ack; }

// Replaces binary markers by placeholders, moving their bytes to out.
void deconstruct(json::value& value, std::vector<std::string>& out) {
    if (auto bytes = binary_of(value)) {
        json::object placeholder;
        placeholder["_placeholder"] = true;
        placeholder["num"] = out.size();
        out.emplace_back(*bytes);
        value = std::move(placeholder);
        return;
    }
    if (json::array* a = value.if_array()) {
        for (json::value& v : *a) deconstruct(v, out);
    } else if (json::object* o = value.if_object()) {
        for (auto& kv : *o) deconstruct(kv.value(), out);
    }
}

// Replaces placeholders by binary markers; false for a placeholder without a valid num or one
// that names an attachment already used: a reused attachment would multiply the bytes every
// re-encoding of the packet sends (socket.io's own encoder never reuses one).
bool reconstruct(json::value& value, const std::vector<std::string>& buffers, std::vector<bool>& used) {
    if (json::object* o = value.if_object()) {
        const json::value* flag = o->if_contains("_placeholder");
        if (flag && flag->is_bool() && flag->get_bool()) {
            const json::value* num = o->if_contains("num");
            std::size_t index = 0;
            if (num && num->is_uint64()) {
                index =
                    num->get_uint64() < buffers.size() ? static_cast<std::size_t>(num->get_uint64()) : buffers.size();
            } else if (num && num->is_int64() && num->get_int64() >= 0) {
                index = static_cast<std::uint64_t>(num->get_int64()) < buffers.size()
                            ? static_cast<std::size_t>(num->get_int64())
                            : buffers.size();
            } else {
                return false;
            }
            if (index >= buffers.size() || used[index]) return false;
            used[index] = true;
            value = binary(buffers[index]);
            return true;
        }
        for (auto& kv : *o) {
            if (!reconstruct(kv.value(), buffers, used)) return false;
        }
    } else if (json::array* a = value.if_array()) {
        for (json::value& v : *a) {
            if (!reconstruct(v, buffers, used)) return false;
        }
    }
    return true;
}

bool payload_fits(PacketType type, const std::optional<json::value>& payload) {
    switch (type) {
        case PacketType::connect: return !payload || payload->is_object();
        case PacketType::disconnect: return !payload;
        case PacketType::connect_error: return !payload || payload->is_object() || payload->is_string();
        case PacketType::event:
        case PacketType::binary_event: {
            if (!payload || !payload->is_array() || payload->get_array().empty()) return false;
            const json::value& name = payload->get_array().front();
            // A number too large for a double parses as an infinity, which would be written back as null.
            if (name.is_double()) return std::isfinite(name.get_double());
            if (name.is_number()) return true;
            if (!name.is_string()) return false;
            for (std::string_view reserved : kReservedEvents) {
                if (name.get_string() == reserved) return false;
            }
            return true;
        }
        case PacketType::ack:
        case PacketType::binary_ack: return payload && payload->is_array();
    }
    return false;
}

struct Parsed {
    std::optional<Packet> packet;
    Error error = Error::none;
};

Parsed parse_text(std::string_view text, const Limits& limits) {
    if (text.empty()) return {.error = Error::empty};
    if (text[0] < '0' || text[0] > '6') return {.error = Error::unknown_type};
    Packet p;
    p.type = static_cast<PacketType>(text[0] - '0');
    std::size_t i = 1;

    if (is_binary_type(p.type)) {
        std::size_t count = 0;
        const std::size_t start = i;
        while (i < text.size() && is_digit(text[i])) {
            count = count * 10 + static_cast<std::size_t>(text[i] - '0');
            if (count > limits.max_attachments) return {.error = Error::too_many_attachments};
            ++i;
        }
        if (i == start || i == text.size() || text[i] != '-' || count == 0) return {.error = Error::bad_attachments};
        ++i;
        p.attachments = count;
    }

    if (i < text.size() && text[i] == '/') {
        const std::size_t comma = text.find(',', i);
        const std::size_t end = comma == std::string_view::npos ? text.size() : comma;
        if (end - i > limits.max_namespace) return {.error = Error::bad_namespace};
        p.nsp = std::string(text.substr(i, end - i));
        i = comma == std::string_view::npos ? end : end + 1;
    }

    if (i < text.size() && is_digit(text[i])) {
        std::uint64_t id = 0;
        while (i < text.size() && is_digit(text[i])) {
            id = id * 10 + static_cast<std::uint64_t>(text[i] - '0');
            if (id > kMaxAckId) return {.error = Error::bad_ack_id};
            ++i;
        }
        if (p.type == PacketType::connect || p.type == PacketType::disconnect || p.type == PacketType::connect_error) {
            return {.error = Error::bad_ack_id};
        }
        p.id = id;
    }

    std::optional<json::value> payload;
    if (i < text.size()) {
        boost::system::error_code ec;
        json::value v = json::parse(text.substr(i), ec);
        if (ec) return {.error = Error::bad_json};
        payload = std::move(v);
    }
    if (!payload_fits(p.type, payload)) return {.error = Error::invalid_payload};
    if (payload) p.data = std::move(*payload);
    return {.packet = std::move(p)};
}

}  // namespace

json::value binary(std::string_view bytes) {
    json::object o;
    o[kBinaryKey] = json::string(bytes);
    return o;
}

std::optional<std::string_view> binary_of(const json::value& value) {
    const json::object* o = value.if_object();
    if (!o || o->size() != 1) return std::nullopt;
    const json::value* bytes = o->if_contains(kBinaryKey);
    if (!bytes || !bytes->is_string()) return std::nullopt;
    return std::string_view(bytes->get_string());
}

bool has_binary(const json::value& value) {
    if (binary_of(value)) return true;
    if (const json::array* a = value.if_array()) {
        for (const json::value& v : *a) {
            if (has_binary(v)) return true;
        }
    } else if (const json::object* o = value.if_object()) {
        for (const auto& kv : *o) {
            if (has_binary(kv.value())) return true;
        }
    }
    return false;
}

std::string_view describe(Error error) {
    switch (error) {
        case Error::none: return "no error";
        case Error::empty: return "empty packet";
        case Error::unknown_type: return "unknown packet type";
        case Error::bad_attachments: return "illegal attachments";
        case Error::too_many_attachments: return "too many attachments";
        case Error::bad_namespace: return "invalid namespace";
        case Error::bad_ack_id: return "invalid ack id";
        case Error::bad_json: return "invalid JSON payload";
        case Error::invalid_payload: return "invalid payload";
        case Error::bad_placeholder: return "invalid placeholder";
        case Error::unexpected_binary: return "binary data without a packet awaiting it";
        case Error::unexpected_text: return "text data while reconstructing a packet";
    }
    return "unknown error";
}

std::string encode(const Packet& packet, std::vector<std::string>& binary_out) {
    binary_out.clear();
    json::value data = packet.data;
    deconstruct(data, binary_out);
    PacketType type = packet.type;
    if (!binary_out.empty()) {
        if (type == PacketType::event) type = PacketType::binary_event;
        if (type == PacketType::ack) type = PacketType::binary_ack;
    } else {
        if (type == PacketType::binary_event) type = PacketType::event;
        if (type == PacketType::binary_ack) type = PacketType::ack;
    }
    std::string out(1, static_cast<char>('0' + static_cast<int>(type)));
    if (is_binary_type(type)) {
        out += std::to_string(binary_out.size());
        out += '-';
    }
    if (!packet.nsp.empty() && packet.nsp != "/") {
        out += packet.nsp;
        out += ',';
    }
    if (packet.id) out += std::to_string(*packet.id);
    if (!data.is_null()) core::serialize_to(out, data);
    return out;
}

Decoder::Result Decoder::add_text(std::string_view text) {
    if (pending_) {
        reset();
        return {.error = Error::unexpected_text};
    }
    Parsed parsed = parse_text(text, limits_);
    if (!parsed.packet) return {.error = parsed.error};
    if (!is_binary_type(parsed.packet->type)) return {.packet = std::move(parsed.packet)};
    pending_ = std::move(parsed.packet);
    buffers_.clear();
    buffers_.reserve(pending_->attachments);
    return {};
}

Decoder::Result Decoder::add_binary(std::string_view bytes) {
    if (!pending_) return {.error = Error::unexpected_binary};
    buffers_.emplace_back(bytes);
    if (buffers_.size() < pending_->attachments) return {};
    Packet packet = std::move(*pending_);
    std::vector<bool> used(buffers_.size(), false);
    const bool ok = reconstruct(packet.data, buffers_, used);
    reset();
    if (!ok) return {.error = Error::bad_placeholder};
    return {.packet = std::move(packet)};
}

void Decoder::reset() {
    pending_.reset();
    buffers_.clear();
}

}  // namespace superapp::platform::realtime::socket_io
