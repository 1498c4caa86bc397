#include "platform/realtime/engine_io/heartbeat.hpp"

#include <gtest/gtest.h>

namespace superapp::platform::realtime::engine_io {
namespace {

using namespace std::chrono_literals;
using Action = Heartbeat::Action;
const Heartbeat::Clock::time_point t0{};

TEST(Heartbeat, PingsEveryIntervalCountedFromThePong) {
    Heartbeat hb(25s, 20s, 45s, t0);
    hb.on_connected();
    EXPECT_EQ(hb.next_wakeup(), t0 + 25s);
    EXPECT_EQ(hb.due(t0 + 24s), Action::none);
    EXPECT_EQ(hb.due(t0 + 25s), Action::send_ping);
    EXPECT_EQ(hb.due(t0 + 26s), Action::none);  // waiting for the pong
    EXPECT_EQ(hb.next_wakeup(), t0 + 45s);
    hb.on_pong(t0 + 27s);
    EXPECT_EQ(hb.next_wakeup(), t0 + 52s);
    EXPECT_EQ(hb.due(t0 + 51s), Action::none);
    EXPECT_EQ(hb.due(t0 + 52s), Action::send_ping);
}

TEST(Heartbeat, ClosesWhenThePongIsLate) {
    Heartbeat hb(25s, 20s, 45s, t0);
    hb.on_connected();
    EXPECT_EQ(hb.due(t0 + 25s), Action::send_ping);
    EXPECT_EQ(hb.due(t0 + 44s), Action::none);
    EXPECT_EQ(hb.due(t0 + 45s), Action::close_ping_timeout);
}

TEST(Heartbeat, AnUnaskedPongDoesNotMoveTheSchedule) {
    Heartbeat hb(25s, 20s, 45s, t0);
    hb.on_connected();
    hb.on_pong(t0 + 10s);
    EXPECT_EQ(hb.next_wakeup(), t0 + 25s);
}

TEST(Heartbeat, ClosesASessionThatConnectsNoNamespaceInTime) {
    Heartbeat hb(25s, 20s, 30s, t0);
    EXPECT_EQ(hb.due(t0 + 25s), Action::send_ping);
    hb.on_pong(t0 + 26s);
    EXPECT_EQ(hb.next_wakeup(), t0 + 30s);
    EXPECT_EQ(hb.due(t0 + 30s), Action::close_connect_timeout);
}

TEST(Heartbeat, AConnectedSessionHasNoConnectDeadline) {
    Heartbeat hb(25s, 20s, 1s, t0);
    hb.on_connected();
    EXPECT_EQ(hb.due(t0 + 2s), Action::none);
    EXPECT_EQ(hb.next_wakeup(), t0 + 25s);
}

TEST(Heartbeat, ASessionLeftWithNoNamespaceClosesAfterTheConnectTimeout) {
    // The server ended the session's socket (logout): the client may not keep the bare session,
    // however well it answers pings.
    Heartbeat hb(25s, 20s, 30s, t0);
    hb.on_connected();
    EXPECT_EQ(hb.due(t0 + 25s), Action::send_ping);
    hb.on_pong(t0 + 26s);
    hb.on_disconnected(t0 + 40s);
    EXPECT_EQ(hb.due(t0 + 51s), Action::send_ping);
    hb.on_pong(t0 + 52s);
    EXPECT_EQ(hb.next_wakeup(), t0 + 70s);
    EXPECT_EQ(hb.due(t0 + 69s), Action::none);
    EXPECT_EQ(hb.due(t0 + 70s), Action::close_connect_timeout);
}

TEST(Heartbeat, ConnectingAgainLiftsTheDeadline) {
    Heartbeat hb(25s, 20s, 30s, t0);
    hb.on_connected();
    hb.on_disconnected(t0 + 1s);
    hb.on_connected();
    EXPECT_EQ(hb.due(t0 + 40s), Action::send_ping);
}

}  // namespace
}  // namespace superapp::platform::realtime::engine_io
