#pragma once
// The text events travel in between processes: one event as
// {"origin":"<24 hex>","rooms":[...],"name":"...","data":...}, several (a broadcast's batch) as
// {"origin":"<24 hex>","events":[{"rooms":[...],"name":"...","data":...}, ...]}.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platform/realtime/event_bus.hpp"

namespace superapp::platform::realtime {

struct RelayMessage {
    std::string origin;         ///< the relay that sent it
    std::vector<Event> events;  ///< at least one, delivered in this order
};

/// Returns the message as compact JSON (the one-event form when it holds one). Never throws but
/// std::bad_alloc.
std::string encode(const RelayMessage& message);
/// Returns the message in `text` (either form); nullopt when it is not one (logged by the caller).
std::optional<RelayMessage> decode(std::string_view text);

/// A message waiting in a relay's queue, and how many events it carries (what a drop counts).
struct QueuedMessage {
    std::string text;
    std::size_t events = 1;
};

/// The largest message encode_messages() makes of several events (one bigger event goes alone).
inline constexpr std::size_t kMaxMessageBytes = 1'000'000;

/// The events as few messages as fit in `max_bytes` each, in order: one event in the one-event form,
/// more in the several-events form. Never throws but std::bad_alloc.
std::vector<QueuedMessage> encode_messages(const std::string& origin, std::span<const Event> events,
                                           std::size_t max_bytes = kMaxMessageBytes);

/// Returns a new origin id, unique with overwhelming probability across processes and hosts. Any thread.
std::string new_origin();

}  // namespace superapp::platform::realtime
