#pragma once
// Carries events between `serve` processes. The design, the same for every transport:
//  - EventBus::publish delivers an event to this process's subscribers at once, then hands it to the
//    relay, which sends it, tagged with this relay's origin id, on one shared channel;
//  - every relay receives every message on the channel, its own included, and skips those that carry
//    its own origin; the others go to EventBus::deliver (local subscribers only, never sent again).
// So each process delivers each event exactly once, and local delivery does not wait for, or depend
// on, Redis or PostgreSQL. Events sent while the channel is unreachable are dropped and counted:
// the data they report is committed, and clients catch up through the REST API.
#include <atomic>
#include <span>
#include <string>
#include <string_view>

#include "platform/realtime/event_bus.hpp"

namespace superapp::platform::realtime {

/// What a relay has done so far, for /metrics and tests. Any thread reads.
struct RelayCounters {
    std::atomic<long> sent{0};           ///< events handed to the channel (a message may carry several)
    std::atomic<long> received{0};       ///< events from other processes delivered here
    std::atomic<long> dropped{0};        ///< events not sent: channel unreachable or backlog full
    std::atomic<long> subscriptions{0};  ///< times the channel was (re)subscribed
};

class Relay {
  public:
    virtual ~Relay() = default;

    /// Connects and subscribes in the background; reconnects with backoff whenever the link is lost.
    /// Once, before events are sent.
    virtual void start() = 0;
    /// Queues the events (one or more) for the other processes, as one message: they arrive together,
    /// in order, or are dropped together. Never blocks, never throws. Any thread.
    virtual void send(std::span<const Event> events) = 0;
    /// Stops receiving and sending; events still queued are dropped. Any thread; the relay's threads
    /// or coroutines have ended (or end promptly on their io_context) when it returns.
    virtual void stop() = 0;

    /// Returns this relay's origin id, which it skips when its own messages come back.
    virtual const std::string& origin() const = 0;
    virtual const RelayCounters& counters() const = 0;
};

/// Handles one message read from the channel: skips it when it carries `own_origin`, else delivers its
/// events through `bus.deliver` and counts them; a malformed message is logged and skipped. Any thread.
void receive(std::string_view text, const std::string& own_origin, EventBus& bus, RelayCounters& counters);

/// Counts `events` dropped (of a message named after `event`, for the log) and logs the first drop and
/// then one in a thousand with `why`. Any thread.
void count_dropped(RelayCounters& counters, std::size_t events, std::string_view event, std::string_view why);

/// The relay counters as Prometheus text lines.
std::string render_metrics(const RelayCounters& counters);

}  // namespace superapp::platform::realtime
