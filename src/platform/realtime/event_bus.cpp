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

void relay(const EventBus::Outbound& outbound, std::span<const Event> events) {
    if (!outbound || events.empty()) return;
    try {
        outbound(events);
    } catch (const std::exception& e) {
        core::log::warn("event not relayed", {{"event", events.front().name}, {"error", e.what()}});
    }
}

}  // namespace

void EventBus::subscribe(Subscriber subscriber) { subscribers_.push_back(std::move(subscriber)); }

void EventBus::relay_to(Outbound outbound) { outbound_ = std::move(outbound); }

void EventBus::publish(Event event) {
    deliver(event);
    relay(outbound_, std::span<const Event>(&event, 1));
}

void EventBus::publish_all(std::vector<Event> events) {
    for (const auto& event : events) deliver(event);
    relay(outbound_, events);
}

void EventBus::deliver(const Event& event) {
    for (const auto& subscriber : subscribers_) hand_to(subscriber, event);
}

}  // namespace superapp::platform::realtime
