#pragma once
#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace superapp::platform::core {

/// A 12-byte MongoDB-style id: 4-byte big-endian Unix seconds, 5 bytes random per process, 3-byte counter.
/// Shown to clients as 24 lowercase hex characters. Ordering follows creation time (then process, counter).
class ObjectId {
  public:
    static constexpr std::size_t kSize = 12;
    using Bytes = std::array<std::uint8_t, kSize>;

    /// The all-zero id "000000000000000000000000"; a placeholder, never produced by generate().
    constexpr ObjectId() = default;
    /// Wraps raw bytes as stored (e.g. a bytea column). Never throws.
    static constexpr ObjectId from_bytes(const Bytes& bytes) { return ObjectId(bytes); }

    /// Returns a new id, unique within this process and, with overwhelming probability, across processes.
    /// Any thread. Throws std::runtime_error only if the OS random source fails on first use.
    static ObjectId generate();
    /// Returns the id written as exactly 24 hex characters (either case); nullopt for anything else.
    static std::optional<ObjectId> parse(std::string_view text);
    /// True when parse(text) would succeed.
    static bool is_valid(std::string_view text);

    /// Returns 24 lowercase hex characters.
    std::string to_string() const;
    /// Returns the creation time in Unix seconds (the first 4 bytes).
    std::uint32_t seconds() const;
    /// Returns the 12 raw bytes.
    const Bytes& bytes() const { return bytes_; }

    friend bool operator==(const ObjectId&, const ObjectId&) = default;
    friend auto operator<=>(const ObjectId&, const ObjectId&) = default;

  private:
    constexpr explicit ObjectId(const Bytes& bytes) : bytes_(bytes) {}
    Bytes bytes_{};
};

}  // namespace superapp::platform::core

/// Hashes an ObjectId for unordered containers.
template <>
struct std::hash<superapp::platform::core::ObjectId> {
    std::size_t operator()(const superapp::platform::core::ObjectId& id) const noexcept;
};
