#include "platform/realtime/server/ip_limits.hpp"

#include <gtest/gtest.h>

namespace superapp::platform::realtime {
namespace {

using namespace std::chrono_literals;
using Verdict = IpLimits::Verdict;
const IpLimits::Clock::time_point t0{};

TEST(IpLimits, CapsOpenSessionsPerAddress) {
    IpLimits limits(2, 100);
    EXPECT_EQ(limits.open("10.0.0.1", t0), Verdict::ok);
    EXPECT_EQ(limits.open("10.0.0.1", t0), Verdict::ok);
    EXPECT_EQ(limits.open("10.0.0.1", t0), Verdict::too_many_connections);
    EXPECT_EQ(limits.open("10.0.0.2", t0), Verdict::ok) << "another address has its own count";
    limits.close("10.0.0.1", t0);
    EXPECT_EQ(limits.open("10.0.0.1", t0), Verdict::ok);
}

TEST(IpLimits, AllowsABurstOfTwiceTheRateThenRefills) {
    IpLimits limits(1000, 2);
    for (int i = 0; i < 4; ++i) EXPECT_EQ(limits.open("10.0.0.1", t0), Verdict::ok) << i;
    EXPECT_EQ(limits.open("10.0.0.1", t0), Verdict::too_many_handshakes);
    EXPECT_EQ(limits.open("10.0.0.1", t0 + 499ms), Verdict::too_many_handshakes);
    EXPECT_EQ(limits.open("10.0.0.1", t0 + 500ms), Verdict::ok);
}

TEST(IpLimits, ClosingWhatWasNeverOpenedChangesNothing) {
    IpLimits limits(1, 1);
    limits.close("10.0.0.9", t0);
    EXPECT_EQ(limits.tracked(), 0u);
    EXPECT_EQ(limits.open("10.0.0.9", t0), Verdict::ok);
}

TEST(IpLimits, AnAddressThatClosedEverythingIsRememberedOnlyWhileItsBucketRefills) {
    IpLimits limits(100, 2);  // a burst of 4, refilled in 2 s
    for (int i = 0; i < 4; ++i) ASSERT_EQ(limits.open("10.0.0.1", t0), Verdict::ok);
    for (int i = 0; i < 4; ++i) limits.close("10.0.0.1", t0 + 100ms);
    EXPECT_EQ(limits.tracked(), 1u) << "it still owes handshakes";
    EXPECT_EQ(limits.open("10.0.0.1", t0 + 200ms), Verdict::too_many_handshakes)
        << "forgetting it now would hand it a full bucket";
    // Any later call sweeps out what has refilled since.
    EXPECT_EQ(limits.open("10.0.0.2", t0 + 3s), Verdict::ok);
    EXPECT_EQ(limits.tracked(), 1u) << "10.0.0.1 is forgotten; 10.0.0.2 has a session open";
    limits.close("10.0.0.2", t0 + 4s);
    EXPECT_EQ(limits.tracked(), 0u) << "its bucket was full again when it closed";
}

TEST(IpLimits, AnAddressWhoseBucketIsFullAgainAtCloseIsForgottenAtOnce) {
    IpLimits limits(100, 2);
    ASSERT_EQ(limits.open("10.0.0.1", t0), Verdict::ok);
    ASSERT_EQ(limits.open("10.0.0.1", t0), Verdict::ok);
    limits.close("10.0.0.1", t0 + 10s);
    EXPECT_EQ(limits.tracked(), 1u) << "one session is still open";
    limits.close("10.0.0.1", t0 + 10s);
    EXPECT_EQ(limits.tracked(), 0u);
}

TEST(IpLimits, RotatingAddressesDoNotPileUp) {
    IpLimits limits(100, 20);
    // Each of many addresses opens two sessions at once and closes them: the old code kept every one.
    auto now = t0;
    for (int i = 0; i < 10'000; ++i) {
        const std::string ip = "10.1." + std::to_string(i / 250) + "." + std::to_string(i % 250);
        ASSERT_EQ(limits.open(ip, now), Verdict::ok);
        ASSERT_EQ(limits.open(ip, now), Verdict::ok);
        limits.close(ip, now + 1ms);
        limits.close(ip, now + 1ms);
        now += 1ms;
    }
    // Only the addresses of the last few seconds (a bucket of 40 refills 2 tokens in 100 ms) remain.
    EXPECT_LT(limits.tracked(), 1'200u);
    limits.close("10.9.9.9", now + 5s);
    EXPECT_EQ(limits.tracked(), 0u);
}

}  // namespace
}  // namespace superapp::platform::realtime
