#include "platform/core/time.hpp"

#include <charconv>
#include <cstdint>

namespace superapp::platform::core {
namespace {

using namespace std::chrono;

enum class Dialect { iso8601, postgres };

// A forward-only reader over the text; every accessor fails softly so the parser reads as the grammar.
class Reader {
  public:
    explicit Reader(std::string_view text) : text_(text) {}

    bool at_end() const { return pos_ == text_.size(); }
    bool peek(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
    bool eat(char c) {
        if (!peek(c)) return false;
        ++pos_;
        return true;
    }
    bool eat_any(std::string_view chars, char* which = nullptr) {
        if (pos_ >= text_.size() || chars.find(text_[pos_]) == std::string_view::npos) return false;
        if (which) *which = text_[pos_];
        ++pos_;
        return true;
    }
    bool eat_suffix(std::string_view word) {
        if (text_.substr(pos_) != word) return false;
        pos_ = text_.size();
        return true;
    }
    // Reads between min_count and max_count digits (as many as present, greedily).
    bool digits(int min_count, int max_count, int& value, int* count = nullptr) {
        int n = 0;
        value = 0;
        while (n < max_count && pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
            value = value * 10 + (text_[pos_] - '0');
            ++pos_;
            ++n;
        }
        if (count) *count = n;
        return n >= min_count;
    }
    bool fixed_digits(int count, int& value) {
        int n = 0;
        return digits(count, count, value, &n) && n == count;
    }

  private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

// Reads "+HH", "+HH:MM", "+HHMM" (ISO) or "+HH[:MM[:SS]]" (PostgreSQL) after the sign was consumed.
bool read_offset(Reader& in, Dialect dialect, seconds& offset) {
    int hh = 0;
    int mm = 0;
    int ss = 0;
    if (!in.fixed_digits(2, hh)) return false;
    if (in.eat(':')) {
        if (!in.fixed_digits(2, mm)) return false;
        if (dialect == Dialect::postgres && in.eat(':') && !in.fixed_digits(2, ss)) return false;
    } else if (dialect == Dialect::iso8601 && !in.at_end()) {
        if (!in.fixed_digits(2, mm)) return false;
    }
    if (hh > 23 || mm > 59 || ss > 59) return false;
    offset = hours{hh} + minutes{mm} + seconds{ss};
    return true;
}

std::optional<Timestamp> parse(std::string_view text, Dialect dialect) {
    Reader in(text);
    int y = 0;
    int mo = 0;
    int d = 0;
    int year_digits = 0;
    const int max_year_digits = dialect == Dialect::postgres ? 6 : 4;
    if (!in.digits(4, max_year_digits, y, &year_digits)) return std::nullopt;
    if (!in.eat('-') || !in.fixed_digits(2, mo) || !in.eat('-') || !in.fixed_digits(2, d)) return std::nullopt;

    if (dialect == Dialect::iso8601 && in.at_end()) {
        const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
        if (!date.ok()) return std::nullopt;
        return Timestamp{sys_days{date}};
    }

    const std::string_view separators = dialect == Dialect::postgres ? " " : "Tt ";
    int hh = 0;
    int mi = 0;
    int ss = 0;
    if (!in.eat_any(separators)) return std::nullopt;
    if (!in.fixed_digits(2, hh) || !in.eat(':') || !in.fixed_digits(2, mi) || !in.eat(':') || !in.fixed_digits(2, ss)) {
        return std::nullopt;
    }

    int fraction = 0;
    int fraction_digits = 0;
    if (in.eat('.')) {
        if (!in.digits(1, 6, fraction, &fraction_digits)) return std::nullopt;
        for (int i = fraction_digits; i < 6; ++i) fraction *= 10;
    }

    seconds offset{0};
    char sign = 0;
    if (dialect == Dialect::iso8601 && in.eat_any("Zz")) {
        // UTC
    } else if (in.eat_any("+-", &sign)) {
        if (!read_offset(in, dialect, offset)) return std::nullopt;
        if (sign == '-') offset = -offset;
    } else {
        return std::nullopt;
    }

    if (dialect == Dialect::postgres && in.eat_suffix(" BC")) y = 1 - y;  // 1 BC is astronomical year 0
    if (!in.at_end()) return std::nullopt;

    const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!date.ok() || hh > 23 || mi > 59 || ss > 59) return std::nullopt;
    return Timestamp{sys_days{date}} + hours{hh} + minutes{mi} + seconds{ss} + microseconds{fraction} - offset;
}

char* write_padded(char* out, long long value, int width) {
    char digits[24];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value < 0 ? -value : value);
    (void)ec;
    if (value < 0) *out++ = '-';
    for (auto n = end - digits; n < width; ++n) *out++ = '0';
    for (char* p = digits; p != end; ++p) *out++ = *p;
    return out;
}

}  // namespace

Timestamp now() { return floor<microseconds>(system_clock::now()); }

std::string to_iso8601(Timestamp t) {
    const auto day_start = floor<days>(t);
    const year_month_day date{day_start};
    const hh_mm_ss<microseconds> time{t - day_start};
    char buf[40];
    char* p = buf;
    p = write_padded(p, static_cast<int>(date.year()), 4);
    *p++ = '-';
    p = write_padded(p, static_cast<unsigned>(date.month()), 2);
    *p++ = '-';
    p = write_padded(p, static_cast<unsigned>(date.day()), 2);
    *p++ = 'T';
    p = write_padded(p, time.hours().count(), 2);
    *p++ = ':';
    p = write_padded(p, time.minutes().count(), 2);
    *p++ = ':';
    p = write_padded(p, time.seconds().count(), 2);
    *p++ = '.';
    p = write_padded(p, floor<milliseconds>(time.subseconds()).count(), 3);
    *p++ = 'Z';
    return std::string(buf, p);
}

std::optional<Timestamp> parse_iso8601(std::string_view text) { return parse(text, Dialect::iso8601); }

std::optional<Timestamp> parse_postgres_timestamptz(std::string_view text) { return parse(text, Dialect::postgres); }

}  // namespace superapp::platform::core
