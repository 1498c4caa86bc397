#include "platform/realtime/relay.hpp"

#include "platform/core/log.hpp"
#include "platform/realtime/relay_message.hpp"

namespace superapp::platform::realtime {

void receive(std::string_view text, const std::string& own_origin, EventBus& bus, RelayCounters& counters) {
    auto message = decode(text);
    if (!message) {
        core::log::warn("relay message ignored: not an event", {{"bytes", text.size()}});
        return;
    }
    if (message->origin == own_origin) return;
    counters.received += static_cast<long>(message->events.size());
    for (const auto& event : message->events) bus.deliver(event);
}

void count_dropped(RelayCounters& counters, std::size_t events, std::string_view event, std::string_view why) {
    const long n = static_cast<long>(events);
    const long before = counters.dropped.fetch_add(n);
    if (before == 0 || before / 1000 != (before + n) / 1000) {
        core::log::warn(why, {{"event", event}, {"droppedSoFar", before + n}});
    }
}

std::string render_metrics(const RelayCounters& counters) {
    auto line = [](const char* name, const char* help, long value) {
        return std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " counter\n" + name + " " +
               std::to_string(value) + "\n";
    };
    return line("realtime_relay_sent_total", "Events sent to the other server processes.", counters.sent) +
           line("realtime_relay_received_total", "Events received from the other server processes.",
                counters.received) +
           line("realtime_relay_dropped_total", "Events not sent: relay channel unreachable or backlog full.",
                counters.dropped) +
           line("realtime_relay_subscriptions_total", "Times the relay channel was (re)subscribed.",
                counters.subscriptions);
}

}  // namespace superapp::platform::realtime
