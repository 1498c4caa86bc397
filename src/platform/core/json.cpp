#include "platform/core/json.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace superapp::platform::core {
namespace {

namespace json = boost::json;

// What follows the backslash for each byte that must be escaped; 'u' means \u00XX; 0 means as is.
// Matches boost::json::serialize so that everything but doubles is byte-identical.
constexpr std::array<char, 256> kEscape = [] {
    std::array<char, 256> table{};
    for (int c = 0; c < 0x20; ++c) table[c] = 'u';
    table['\b'] = 'b';
    table['\t'] = 't';
    table['\n'] = 'n';
    table['\f'] = 'f';
    table['\r'] = 'r';
    table['"'] = '"';
    table['\\'] = '\\';
    return table;
}();

constexpr char kHex[] = "0123456789abcdef";

// True when any of the 8 bytes at p is below 0x20, '"' or '\\' (bit tricks on one 64-bit word, so plain
// text is scanned 8 bytes per step).
bool needs_escape(const char* p) {
    std::uint64_t w;
    std::memcpy(&w, p, sizeof w);
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
    const auto has_zero = [](std::uint64_t x) { return (x - kOnes) & ~x & kHighs; };
    const std::uint64_t below_space = (w - kOnes * 0x20) & ~w & kHighs;
    return (below_space | has_zero(w ^ (kOnes * '"')) | has_zero(w ^ (kOnes * '\\'))) != 0;
}

// Writes into the string's own buffer through a raw cursor: grows it geometrically ahead of each item and
// trims it once at the end, so the inner loops carry no per-character capacity checks.
class Writer {
  public:
    explicit Writer(std::string& out) : out_(out), p_(out.data() + out.size()), end_(p_) {}
    ~Writer() { out_.resize(static_cast<std::size_t>(p_ - out_.data())); }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    void value(const json::value& v) {
        switch (v.kind()) {
            case json::kind::null: literal("null"); return;
            case json::kind::bool_: v.get_bool() ? literal("true") : literal("false"); return;
            case json::kind::int64: number(v.get_int64()); return;
            case json::kind::uint64: number(v.get_uint64()); return;
            case json::kind::double_: real(v.get_double()); return;
            case json::kind::string: string(v.get_string()); return;
            case json::kind::array: {
                const auto& array = v.get_array();
                put('[');
                for (std::size_t i = 0; i < array.size(); ++i) {
                    if (i) put(',');
                    value(array[i]);
                }
                put(']');
                return;
            }
            case json::kind::object: {
                put('{');
                bool first = true;
                for (const auto& member : v.get_object()) {
                    if (!first) put(',');
                    first = false;
                    string(member.key());
                    put(':');
                    value(member.value());
                }
                put('}');
                return;
            }
        }
    }

  private:
    char* room(std::size_t n) {
        if (static_cast<std::size_t>(end_ - p_) < n) [[unlikely]]
            grow(n);
        return p_;
    }
    [[gnu::noinline]] void grow(std::size_t n) {
        const auto used = static_cast<std::size_t>(p_ - out_.data());
        out_.resize(std::max(out_.size() * 2, used + n + 256));
        p_ = out_.data() + used;
        end_ = out_.data() + out_.size();
    }
    void put(char c) {
        *room(1) = c;
        ++p_;
    }
    template <std::size_t N>
    void literal(const char (&text)[N]) {
        std::memcpy(room(N - 1), text, N - 1);
        p_ += N - 1;
    }

    void string(std::string_view s) {
        // Worst case every byte becomes \u00XX; 8 bytes of slack let clean words be copied whole.
        char* p = room(s.size() * 6 + 2 + 8);
        *p++ = '"';
        const char* c = s.data();
        const char* const end = s.data() + s.size();
        while (end - c >= 8) {
            if (!needs_escape(c)) {
                std::memcpy(p, c, 8);
                p += 8;
                c += 8;
                continue;
            }
            for (const char* const word_end = c + 8; c != word_end; ++c) p = put_char(p, *c);
        }
        for (; c != end; ++c) p = put_char(p, *c);
        *p++ = '"';
        p_ = p;
    }

    static char* put_char(char* p, char c) {
        const char esc = kEscape[static_cast<unsigned char>(c)];
        if (!esc) {
            *p++ = c;
            return p;
        }
        *p++ = '\\';
        *p++ = esc;
        if (esc == 'u') {
            const auto byte = static_cast<unsigned char>(c);
            *p++ = '0';
            *p++ = '0';
            *p++ = kHex[byte >> 4];
            *p++ = kHex[byte & 0x0f];
        }
        return p;
    }

    template <class Int>
    void number(Int i) {
        char* p = room(24);
        p_ = std::to_chars(p, p + 24, i).ptr;
    }

    void real(double d) {
        if (!std::isfinite(d)) {
            literal("null");
            return;
        }
        char* const p = room(32);  // any shortest form fits in 24 characters, plus ".0"
        if (char* money_end = hundredths(p, d)) {
            p_ = money_end;
            return;
        }
        char* end = std::to_chars(p, p + 32, d).ptr;
        const auto size = static_cast<std::size_t>(end - p);
        if (std::memchr(p, '.', size) == nullptr && std::memchr(p, 'e', size) == nullptr) {
            // A whole number: "4" would read back as an integer, so keep the kind with "4.0". Past 15 digits
            // the plain form spells out every digit of the binary value (30383574674779398144); the exponent
            // form is shorter and is what parsers read back exactly.
            if (size - (d < 0 ? 1 : 0) > 15) {
                end = std::to_chars(p, p + 32, d, std::chars_format::scientific).ptr;
            } else {
                *end++ = '.';
                *end++ = '0';
            }
        }
        p_ = end;
    }

    // Amounts and ratings (k / 100, not whole) are most of the doubles we write. For |d| < 1e9 two such
    // decimals are always further apart than the doubles near them, so the two-decimal text of k is the
    // shortest round-trip form, the same text std::to_chars gives, written here from the integer for less.
    // Returns nullptr when d is not such a value.
    static char* hundredths(char* p, double d) {
        if (!(d > -1e9 && d < 1e9)) return nullptr;
        const double scaled = d * 100.0;
        const auto k = static_cast<std::int64_t>(scaled < 0 ? scaled - 0.5 : scaled + 0.5);
        if (k % 100 == 0 || static_cast<double>(k) / 100.0 != d) return nullptr;
        if (k < 0) *p++ = '-';
        const auto magnitude = static_cast<std::uint64_t>(k < 0 ? -k : k);
        p = std::to_chars(p, p + 20, magnitude / 100).ptr;
        const auto cents = static_cast<unsigned>(magnitude % 100);
        *p++ = '.';
        *p++ = static_cast<char>('0' + cents / 10);
        if (cents % 10) *p++ = static_cast<char>('0' + cents % 10);
        return p;
    }

    std::string& out_;
    char* p_;    // next byte to write, inside out_'s buffer
    char* end_;  // end of out_'s buffer
};

}  // namespace

void serialize_to(std::string& out, const boost::json::value& value) { Writer(out).value(value); }

std::string serialize(const boost::json::value& value) {
    std::string out;
    Writer(out).value(value);
    return out;
}

namespace {

// Walks a dotted path through `doc`'s objects; returns the first null on the way (the member
// itself or an object it sits in) and whether that null is the member itself.
struct NullOnPath {
    bool found = false;
    bool is_member = false;
};

NullOnPath find_null(const boost::json::value& doc, std::string_view path) {
    const boost::json::value* node = &doc;
    std::size_t start = 0;
    for (;;) {
        const boost::json::object* object = node->if_object();
        if (!object) return {};
        const std::size_t dot = path.find('.', start);
        const boost::json::value* value =
            object->if_contains(path.substr(start, dot == std::string_view::npos ? dot : dot - start));
        if (!value) return {};
        if (value->is_null()) return {true, dot == std::string_view::npos};
        if (dot == std::string_view::npos) return {};
        node = value;
        start = dot + 1;
    }
}

}  // namespace

bool is_null_member(const boost::json::value& doc, std::string_view path) { return find_null(doc, path).is_member; }

bool is_null_on_path(const boost::json::value& doc, std::string_view path) { return find_null(doc, path).found; }

}  // namespace superapp::platform::core
