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
    limits.close("10.0.0.1");
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
    limits.close("10.0.0.9");
    EXPECT_EQ(limits.open("10.0.0.9", t0), Verdict::ok);
}

}  // namespace
}  // namespace superapp::platform::realtime
