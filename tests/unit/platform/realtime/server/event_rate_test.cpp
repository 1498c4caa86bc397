#include "platform/realtime/server/event_rate.hpp"

#include <gtest/gtest.h>

namespace superapp::platform::realtime {
namespace {

using Verdict = EventRate::Verdict;
using std::chrono::milliseconds;

const EventRate::Clock::time_point kT0{std::chrono::seconds(1'000)};

TEST(EventRate, AllowsABurstOfTwiceTheRateThenRefuses) {
    EventRate rate(20, kT0);
    for (int i = 0; i < 40; ++i) ASSERT_EQ(rate.take(kT0), Verdict::allowed) << i;
    EXPECT_EQ(rate.take(kT0), Verdict::refused);
    EXPECT_EQ(rate.take(kT0 + milliseconds(50)), Verdict::allowed) << "one event's worth came back in 50 ms";
}

TEST(EventRate, AClientWithinTheRateIsNeverRefused) {
    EventRate rate(20, kT0);
    for (int i = 0; i < 2'000; ++i) ASSERT_EQ(rate.take(kT0 + milliseconds(50 * i)), Verdict::allowed) << i;
}

TEST(EventRate, TwiceTheRateIsRefusedButNotClosed) {
    EventRate rate(20, kT0);
    int refused = 0;
    for (int i = 0; i < 4'000; ++i) {
        const Verdict v = rate.take(kT0 + milliseconds(25 * i));
        ASSERT_NE(v, Verdict::flooding) << i;
        refused += v == Verdict::refused;
    }
    EXPECT_GT(refused, 1'500);
}

TEST(EventRate, AThousandEventsAtOnceAreFlooding) {
    EventRate rate(20, kT0);
    Verdict last = Verdict::allowed;
    int sent = 0;
    for (; sent < 1'000 && last != Verdict::flooding; ++sent) last = rate.take(kT0 + milliseconds(sent / 100));
    EXPECT_EQ(last, Verdict::flooding);
    EXPECT_LE(sent, 40 + 201 + 5);
}

TEST(EventRate, TenTimesTheRateForSecondsIsFlooding) {
    EventRate rate(20, kT0);
    Verdict last = Verdict::allowed;
    int i = 0;
    for (; i < 2'000 && last != Verdict::flooding; ++i) last = rate.take(kT0 + milliseconds(5 * i));  // 200/s
    EXPECT_EQ(last, Verdict::flooding);
    EXPECT_LT(i * 5, 3'000) << "closed within a few seconds";
}

}  // namespace
}  // namespace superapp::platform::realtime
