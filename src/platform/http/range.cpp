#include "platform/http/range.hpp"

#include <charconv>
#include <limits>
#include <optional>

#include "platform/http/headers.hpp"

namespace superapp::platform::http {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Digits only; a number too big for 64 bits saturates (it is past any file's end anyway).
std::optional<std::uint64_t> digits(std::string_view s) {
    if (s.empty()) return std::nullopt;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
    }
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    (void)end;
    if (ec == std::errc::result_out_of_range) return std::numeric_limits<std::uint64_t>::max();
    return value;
}

}  // namespace

RangeRequest interpret_range(std::string_view header, std::uint64_t size) {
    using Kind = RangeRequest::Kind;
    header = trim(header);
    const std::size_t eq = header.find('=');
    if (eq == std::string_view::npos || !iequals(trim(header.substr(0, eq)), "bytes")) return {};
    const std::string_view spec = trim(header.substr(eq + 1));
    if (spec.find(',') != std::string_view::npos) return {};  // several ranges: the whole is simpler and allowed
    const std::size_t dash = spec.find('-');
    if (dash == std::string_view::npos) return {};
    const std::string_view first_text = trim(spec.substr(0, dash));
    const std::string_view last_text = trim(spec.substr(dash + 1));

    if (first_text.empty()) {  // suffix: the last n bytes
        const auto n = digits(last_text);
        if (!n) return {};
        if (*n == 0 || size == 0) return {Kind::unsatisfiable};
        return {Kind::partial, size - std::min(*n, size), size - 1};
    }
    const auto first = digits(first_text);
    if (!first) return {};
    std::uint64_t last = size == 0 ? 0 : size - 1;
    if (!last_text.empty()) {
        const auto given = digits(last_text);
        if (!given || *given < *first) return {};
        last = std::min(*given, last);
    }
    if (*first >= size) return {Kind::unsatisfiable};
    return {Kind::partial, *first, last};
}

std::string content_range(const RangeRequest& range, std::uint64_t size) {
    if (range.kind != RangeRequest::Kind::partial) return "bytes */" + std::to_string(size);
    return "bytes " + std::to_string(range.first) + "-" + std::to_string(range.last) + "/" + std::to_string(size);
}

}  // namespace superapp::platform::http
