#include "platform/core/utf8.hpp"

namespace superapp::platform::core {

std::optional<std::size_t> utf8_length(std::string_view s) {
    std::size_t count = 0;
    std::size_t i = 0;
    const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(s[at]); };
    while (i < s.size()) {
        const unsigned char c = byte(i);
        std::size_t extra = 0;
        unsigned char lo = 0x80;
        unsigned char hi = 0xBF;
        if (c < 0x80) {
            extra = 0;
        } else if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        } else {
            return std::nullopt;
        }
        if (s.size() - i - 1 < extra) return std::nullopt;
        for (std::size_t k = 1; k <= extra; ++k) {
            const unsigned char b = byte(i + k);
            if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return std::nullopt;
        }
        i += extra + 1;
        ++count;
    }
    return count;
}

bool is_storable_text(std::string_view s) {
    return s.find('\0') == std::string_view::npos && utf8_length(s).has_value();
}

}  // namespace superapp::platform::core
