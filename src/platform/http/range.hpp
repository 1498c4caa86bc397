#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace superapp::platform::http {

/// What a Range header asks of a representation of known size (RFC 9110 section 14).
struct RangeRequest {
    enum class Kind { whole, partial, unsatisfiable };
    Kind kind = Kind::whole;
    std::uint64_t first = 0;  ///< partial: the first byte
    std::uint64_t last = 0;   ///< partial: the last byte, inclusive
};

/// Interprets a Range value ("" when absent) against `size` bytes. One `bytes` range is honoured
/// (`a-b`, `a-`, `-n`), clamped to the size; several ranges, another unit or a malformed value
/// give `whole`, since a server may ignore Range; a range that starts at or past the end, or an
/// empty suffix, gives `unsatisfiable` (416). Pure; any thread.
RangeRequest interpret_range(std::string_view header, std::uint64_t size);

/// The Content-Range value: "bytes 0-99/1000" for a partial range, "bytes */1000" otherwise.
std::string content_range(const RangeRequest& range, std::uint64_t size);

}  // namespace superapp::platform::http
