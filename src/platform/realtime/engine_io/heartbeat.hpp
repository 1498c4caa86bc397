#pragma once
// The timers of one Engine.IO session as a pure state machine: the server pings every ping_interval
// (counted from the last pong), closes a session whose pong is over ping_timeout late, and closes one
// that has not connected a Socket.IO namespace within connect_timeout, nor connected one again within
// connect_timeout of its last namespace going. No I/O, one thread.
#include <chrono>
#include <optional>

namespace superapp::platform::realtime::engine_io {

class Heartbeat {
  public:
    using Clock = std::chrono::steady_clock;

    enum class Action { none, send_ping, close_ping_timeout, close_connect_timeout };

    Heartbeat(std::chrono::milliseconds ping_interval, std::chrono::milliseconds ping_timeout,
              std::chrono::milliseconds connect_timeout, Clock::time_point now)
        : interval_(ping_interval),
          timeout_(ping_timeout),
          connect_timeout_(connect_timeout),
          next_ping_(now + ping_interval),
          connect_deadline_(now + connect_timeout) {}

    /// What is due at `now` (one action per call; call again until none).
    Action due(Clock::time_point now) {
        if (connect_deadline_ && now >= *connect_deadline_) return Action::close_connect_timeout;
        if (pong_deadline_) return now >= *pong_deadline_ ? Action::close_ping_timeout : Action::none;
        if (now < next_ping_) return Action::none;
        pong_deadline_ = now + timeout_;
        return Action::send_ping;
    }

    /// The client answered the ping.
    void on_pong(Clock::time_point now) {
        if (!pong_deadline_) return;  // an unasked pong does not move the schedule
        pong_deadline_.reset();
        next_ping_ = now + interval_;
    }

    /// A namespace is connected: the connect timeout no longer applies.
    void on_connected() { connect_deadline_.reset(); }

    /// No namespace is connected any more (the server ended them, or the client left): unless one
    /// connects again, the session closes connect_timeout from `now`.
    void on_disconnected(Clock::time_point now) { connect_deadline_ = now + connect_timeout_; }

    /// When due() next has something to do.
    Clock::time_point next_wakeup() const {
        Clock::time_point t = pong_deadline_ ? *pong_deadline_ : next_ping_;
        if (connect_deadline_ && *connect_deadline_ < t) t = *connect_deadline_;
        return t;
    }

  private:
    std::chrono::milliseconds interval_;
    std::chrono::milliseconds timeout_;
    std::chrono::milliseconds connect_timeout_;
    Clock::time_point next_ping_;
    std::optional<Clock::time_point> pong_deadline_;
    std::optional<Clock::time_point> connect_deadline_;
};

}  // namespace superapp::platform::realtime::engine_io
