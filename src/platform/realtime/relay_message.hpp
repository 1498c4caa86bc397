#pragma once
// The text one event travels in between processes:
// {"origin":"<24 hex>","rooms":[...],"name":"...","data":...}
#include <optional>
#include <string>
#include <string_view>

#include "platform/realtime/event_bus.hpp"

namespace superapp::platform::realtime {

struct RelayMessage {
    std::string origin;  ///< the relay that sent it
    Event event;
};

/// Returns the message as compact JSON. Never throws but std::bad_alloc.
std::string encode(const RelayMessage& message);
/// Returns the message in `text`; nullopt when it is not one (logged by the caller).
std::optional<RelayMessage> decode(std::string_view text);

/// Returns a new origin id, unique with overwhelming probability across processes and hosts. Any thread.
std::string new_origin();

}  // namespace superapp::platform::realtime
