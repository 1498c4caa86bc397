#include "platform/realtime/event_bus.hpp"

#include <exception>

#include "platform/core/log.hpp"

namespace superapp::platform::realtime {

namespace {

void hand_to(const EventBus::Subscriber& subscriber, const Event& event) {
    try {
        subscriber(event);
    } catch (const std::exception& e) {
        core::log::warn("event not delivered", {{"event", event.name}, {"error", e.what()}});
    }
}

}  // namespace

void EventBus::subscribe(Subscriber subscriber) { subscribers_.push_back(std::move(subscriber)); }

void EventBus::relay_to(Subscriber outbound) { outbound_ = std::move(outbound); }

void EventBus::publish(Event event) {
    deliver(event);
    if (outbound_) hand_to(outbound_, event);
}

void EventBus::deliver(const Event& event) {
    for (const auto& subscriber : subscribers_) hand_to(subscriber, event);
}

}  // namespace superapp::platform::realtime
