#include "platform/realtime/event_bus.hpp"

#include <exception>

#include "platform/core/log.hpp"

namespace superapp::platform::realtime {

void EventBus::subscribe(Subscriber subscriber) { subscribers_.push_back(std::move(subscriber)); }

void EventBus::publish(Event event) {
    for (const auto& deliver : subscribers_) {
        try {
            deliver(event);
        } catch (const std::exception& e) {
            core::log::warn("event not delivered", {{"event", event.name}, {"error", e.what()}});
        }
    }
}

}  // namespace superapp::platform::realtime
