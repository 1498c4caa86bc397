#pragma once
// The event bus: features publish real-time events after their transaction commits; the bus hands
// each one to its subscribers (the Socket.IO server of this process) and to the relay that carries it
// to the other `serve` processes (relay.hpp), which deliver it to their own subscribers.
#include <boost/json/value.hpp>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace superapp::platform::realtime {

/// One event for the sockets in some rooms: "user:<id>", "video:<id>", or kEveryone.
struct Event {
    std::vector<std::string> rooms;
    std::string name;  ///< the Socket.IO event name, e.g. "order_status_update"
    boost::json::value data;
};

/// The room every socket is in.
inline constexpr const char* kEveryone = "*";

/// What features see of the bus. publish() never blocks and never throws for a delivery problem:
/// an event that cannot be delivered is logged and dropped (the data it reports is already
/// committed; clients catch up through the REST API).
class EventPublisher {
  public:
    virtual ~EventPublisher() = default;
    /// Call after the change the event reports has committed. Any thread.
    virtual void publish(Event event) = 0;
    /// Publishes several events at once (a broadcast's batch): each reaches the sockets as publish()
    /// would send it, and the other processes get them in one relay message. Any thread.
    virtual void publish_all(std::vector<Event> events) {
        for (auto& event : events) publish(std::move(event));
    }
};

/// Fans each published event out to the subscribers, in the order they subscribed, then to the
/// outbound relay. Subscribe and set the relay before the server starts; publish from any thread.
/// Subscribers must be thread-safe and quick (post work to their own executor).
class EventBus final : public EventPublisher {
  public:
    using Subscriber = std::function<void(const Event&)>;
    /// Takes what one publish() or publish_all() call published, to carry it to the other processes.
    using Outbound = std::function<void(std::span<const Event>)>;

    void subscribe(Subscriber subscriber);
    /// Sends every event published here to `outbound` too (the relay to other processes). Once.
    void relay_to(Outbound outbound);
    /// Delivers to this process's subscribers, then hands the event to the relay. Any thread.
    void publish(Event event) override;
    /// Delivers each to this process's subscribers, then hands them to the relay together. Any thread.
    void publish_all(std::vector<Event> events) override;
    /// Delivers an event another process published to this process's subscribers only. Any thread.
    void deliver(const Event& event);

  private:
    std::vector<Subscriber> subscribers_;
    Outbound outbound_;
};

}  // namespace superapp::platform::realtime
