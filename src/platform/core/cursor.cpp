#include "platform/core/cursor.hpp"

#include <charconv>

#include "platform/core/base64.hpp"
#include "platform/core/object_id.hpp"

namespace superapp::platform::core {

std::string encode_cursor(const CreatedAtPosition& position) {
    const auto micros = position.created_at.time_since_epoch().count();
    return base64url_encode(std::to_string(micros) + "." + position.id);
}

std::optional<CreatedAtPosition> decode_cursor(std::string_view cursor) {
    const auto text = base64url_decode(cursor);
    if (!text) return std::nullopt;
    const std::size_t dot = text->find('.');
    if (dot == std::string::npos) return std::nullopt;
    long long micros = 0;
    const char* first = text->data();
    const char* last = text->data() + dot;
    auto [end, ec] = std::from_chars(first, last, micros);
    if (ec != std::errc{} || end != last || first == last) return std::nullopt;
    // Years 1 to 9999: what a row's timestamptz can hold here and what PostgreSQL reads back.
    using namespace std::chrono;
    constexpr auto kEarliest = sys_days{year{1} / January / 1}.time_since_epoch();
    constexpr auto kLatest = sys_days{year{10000} / January / 1}.time_since_epoch();
    if (microseconds(micros) < kEarliest || microseconds(micros) >= kLatest) return std::nullopt;
    std::string id = text->substr(dot + 1);
    if (!ObjectId::is_valid(id)) return std::nullopt;
    return CreatedAtPosition{Timestamp(std::chrono::microseconds(micros)), std::move(id)};
}

}  // namespace superapp::platform::core
