// libFuzzer target for the Socket.IO packet decoder (tests/fuzz/run socket_io builds and runs it).
//
// Input: byte 0 (mod 12) is how many binary attachments follow the text; the text runs up to the first
// '\n' and the rest is cut into that many attachments of equal length (the last takes the remainder).
// Every input must be decoded without a crash, a leak or undefined behaviour, and a decoded packet must
// encode to text and attachments that decode to the same packet. Doubles compare within a few units in
// the last place: Boost.JSON 1.81 does not round every long decimal correctly when it parses, so a
// double written by core::serialize (shortest exact form) can read back one ulp away from the one the
// original, longer text gave. A number too large for a double parses as an infinity, which is written
// as null (as JavaScript's JSON.parse and JSON.stringify do), so an infinity equals null.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/realtime/socket_io/packet.hpp"

namespace sio = superapp::platform::realtime::socket_io;
namespace json = boost::json;

namespace {

bool close_enough(double a, double b) {
    if (a == b) return true;
    return std::fabs(a - b) <= 1e-15 * std::max(std::fabs(a), std::fabs(b));
}

bool same(const json::value& a, const json::value& b) {
    if (a.is_double() && !std::isfinite(a.get_double())) return b.is_null();
    if (b.is_double() && !std::isfinite(b.get_double())) return a.is_null();
    if (a.is_double() || b.is_double()) {
        return a.is_double() && b.is_double() && close_enough(a.get_double(), b.get_double());
    }
    if (a.is_array() && b.is_array()) {
        const json::array& x = a.get_array();
        const json::array& y = b.get_array();
        if (x.size() != y.size()) return false;
        for (std::size_t i = 0; i < x.size(); ++i) {
            if (!same(x[i], y[i])) return false;
        }
        return true;
    }
    if (a.is_object() && b.is_object()) {
        const json::object& x = a.get_object();
        const json::object& y = b.get_object();
        if (x.size() != y.size()) return false;
        auto i = x.begin();
        auto j = y.begin();
        for (; i != x.end(); ++i, ++j) {
            if (i->key() != j->key() || !same(i->value(), j->value())) return false;
        }
        return true;
    }
    return a == b;
}

sio::PacketType plain(sio::PacketType type) {
    if (type == sio::PacketType::binary_event) return sio::PacketType::event;
    if (type == sio::PacketType::binary_ack) return sio::PacketType::ack;
    return type;
}

// Feeds text and attachments; the packet when it completes exactly at the last attachment.
std::optional<sio::Packet> feed(sio::Decoder& decoder, std::string_view text,
                                const std::vector<std::string>& binaries) {
    sio::Decoder::Result r = decoder.add_text(text);
    if (r.packet) {
        if (r.error != sio::Error::none || decoder.reconstructing()) std::abort();
        return binaries.empty() ? std::move(r.packet) : std::nullopt;
    }
    if (r.error != sio::Error::none) {
        if (decoder.reconstructing()) std::abort();
        return std::nullopt;
    }
    if (!decoder.reconstructing()) std::abort();  // neither packet nor error: must await attachments
    for (std::size_t i = 0; i < binaries.size(); ++i) {
        r = decoder.add_binary(binaries[i]);
        if (r.packet) return i + 1 == binaries.size() ? std::move(r.packet) : std::nullopt;
        if (r.error != sio::Error::none) return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const std::size_t count = data[0] % 12;
    std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
    const std::size_t eol = rest.find('\n');
    const std::string_view text = rest.substr(0, eol);
    std::vector<std::string> binaries;
    if (count > 0) {
        rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
        const std::size_t each = rest.size() / count;
        for (std::size_t i = 0; i < count; ++i) {
            binaries.emplace_back(i + 1 == count ? rest.substr(i * each) : rest.substr(i * each, each));
        }
    }

    sio::Decoder decoder;
    const std::optional<sio::Packet> packet = feed(decoder, text, binaries);
    if (!packet) return 0;
    if (packet->nsp.empty() || packet->nsp.front() != '/') std::abort();
    if (packet->id && *packet->id > sio::kMaxAckId) std::abort();

    std::vector<std::string> out;
    const std::string encoded = sio::encode(*packet, out);
    sio::Decoder second;
    const std::optional<sio::Packet> again = feed(second, encoded, out);
    if (!again) std::abort();
    if (plain(again->type) != plain(packet->type) || again->nsp != packet->nsp || again->id != packet->id ||
        !same(again->data, packet->data)) {
        std::abort();
    }
    std::vector<std::string> out2;
    sio::encode(*again, out2);
    if (out2 != out) std::abort();
    return 0;
}
