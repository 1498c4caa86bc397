#include "platform/db/text_codec.hpp"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>

namespace superapp::platform::db::text {
namespace {

void append_quoted(std::string& out, std::string_view item) {
    out += '"';
    for (char c : item) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
}

template <class Items, class Append>
std::string encode_items(const Items& items, Append append) {
    std::string out = "{";
    bool first = true;
    for (const auto& item : items) {
        if (!first) out += ',';
        first = false;
        append(out, item);
    }
    out += '}';
    return out;
}

bool is_array_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        char y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

}  // namespace

std::string encode_array(const std::vector<std::string>& items) {
    return encode_items(items, [](std::string& out, const std::string& s) { append_quoted(out, s); });
}

std::string encode_array(const std::vector<std::string_view>& items) {
    return encode_items(items, [](std::string& out, std::string_view s) { append_quoted(out, s); });
}

std::string encode_array(const std::vector<std::optional<std::string>>& items) {
    return encode_items(items, [](std::string& out, const std::optional<std::string>& s) {
        if (s)
            append_quoted(out, *s);
        else
            out += "NULL";
    });
}

std::string encode_array(const std::vector<std::int64_t>& items) {
    return encode_items(items, [](std::string& out, std::int64_t v) { out += encode_integer(v); });
}

std::optional<std::vector<std::optional<std::string>>> parse_array(std::string_view in) {
    std::size_t i = 0;
    auto skip_space = [&] {
        while (i < in.size() && is_array_space(in[i])) ++i;
    };
    skip_space();
    // Arrays with non-default lower bounds are printed as "[0:2]={a,b,c}".
    if (i < in.size() && in[i] == '[') {
        const auto eq = in.find('=', i);
        if (eq == std::string_view::npos) return std::nullopt;
        i = eq + 1;
        skip_space();
    }
    if (i >= in.size() || in[i] != '{') return std::nullopt;
    ++i;

    std::vector<std::optional<std::string>> items;
    skip_space();
    if (i < in.size() && in[i] == '}') {
        ++i;
        skip_space();
        if (i != in.size()) return std::nullopt;
        return items;
    }

    for (;;) {
        skip_space();
        if (i >= in.size()) return std::nullopt;
        if (in[i] == '{') return std::nullopt;  // multi-dimensional
        std::string item;
        bool quoted = false;
        if (in[i] == '"') {
            quoted = true;
            ++i;
            for (;;) {
                if (i >= in.size()) return std::nullopt;
                const char c = in[i++];
                if (c == '"') break;
                if (c == '\\') {
                    if (i >= in.size()) return std::nullopt;
                    item += in[i++];
                } else {
                    item += c;
                }
            }
            skip_space();
        } else {
            // Unquoted: runs to the next delimiter; backslashes escape; surrounding spaces are not data.
            std::size_t last_data = 0;  // length of `item` up to its last escaped or non-space char
            while (i < in.size() && in[i] != ',' && in[i] != '}') {
                const char c = in[i++];
                if (c == '"' || c == '{') return std::nullopt;
                if (c == '\\') {
                    if (i >= in.size()) return std::nullopt;
                    item += in[i++];
                    last_data = item.size();
                } else {
                    item += c;
                    if (!is_array_space(c)) last_data = item.size();
                }
            }
            item.resize(last_data);
            if (item.empty()) return std::nullopt;  // empty strings are always quoted
        }
        if (!quoted && iequals(item, "NULL"))
            items.emplace_back(std::nullopt);
        else
            items.emplace_back(std::move(item));

        if (i >= in.size()) return std::nullopt;
        if (in[i] == ',') {
            ++i;
            continue;
        }
        if (in[i] == '}') {
            ++i;
            break;
        }
        return std::nullopt;
    }
    skip_space();
    if (i != in.size()) return std::nullopt;
    return items;
}

std::string encode_timestamp(core::Timestamp t) {
    using namespace std::chrono;
    const auto day_start = floor<days>(t);
    const year_month_day date{day_start};
    const hh_mm_ss<microseconds> time{t - day_start};
    char buf[64];
    const int n =
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%06lld+00:00", static_cast<int>(date.year()),
                      static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                      static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                      static_cast<int>(time.seconds().count()), static_cast<long long>(time.subseconds().count()));
    return std::string(buf, static_cast<std::size_t>(n));
}

std::string encode_double(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    (void)ec;  // 32 bytes always suffice for the shortest form of a double
    return std::string(buf, end);
}

std::string encode_integer(std::int64_t value) {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    (void)ec;
    return std::string(buf, end);
}

std::string quote_identifier(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

std::optional<std::int64_t> parse_integer(std::string_view text) {
    std::int64_t value = 0;
    const char* first = text.data();
    const char* last = text.data() + text.size();
    if (first != last && *first == '+') return std::nullopt;
    auto [end, ec] = std::from_chars(first, last, value);
    if (ec != std::errc{} || end != last || text.empty()) return std::nullopt;
    return value;
}

std::optional<double> parse_double(std::string_view text) {
    if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
    if (text == "Infinity") return std::numeric_limits<double>::infinity();
    if (text == "-Infinity") return -std::numeric_limits<double>::infinity();
    if (text.empty()) return std::nullopt;
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    // numeric values beyond double's range come back as result_out_of_range: not representable.
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::optional<bool> parse_bool(std::string_view text) {
    if (text == "t" || text == "true") return true;
    if (text == "f" || text == "false") return false;
    return std::nullopt;
}

}  // namespace superapp::platform::db::text
