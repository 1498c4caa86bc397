#include "platform/core/time.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace superapp::platform::core {
namespace {

using namespace std::chrono;

Timestamp at(int y, unsigned m, unsigned d, int hh = 0, int mi = 0, int ss = 0, int us = 0) {
    return Timestamp{sys_days{year{y} / month{m} / day{d}}} + hours{hh} + minutes{mi} + seconds{ss} + microseconds{us};
}

TEST(ToIso8601, WritesUtcWithMillisecondsAndZ) {
    EXPECT_EQ(to_iso8601(at(2026, 11, 24, 23, 16, 22, 123'456)), "2026-11-24T23:16:22.123Z");
    EXPECT_EQ(to_iso8601(at(2026, 1, 2, 3, 4, 5)), "2026-01-02T03:04:05.000Z");
    EXPECT_EQ(to_iso8601(Timestamp{}), "1970-01-01T00:00:00.000Z");
}

TEST(ToIso8601, TruncatesMicrosecondsRatherThanRoundingIntoTheNextSecond) {
    EXPECT_EQ(to_iso8601(at(2026, 12, 31, 23, 59, 59, 999'999)), "2026-12-31T23:59:59.999Z");
}

TEST(ToIso8601, HandlesTimesBefore1970) {
    EXPECT_EQ(to_iso8601(at(1969, 12, 31, 23, 59, 59, 500'000)), "1969-12-31T23:59:59.500Z");
    EXPECT_EQ(to_iso8601(at(1, 1, 1)), "0001-01-01T00:00:00.000Z");
}

TEST(ToIso8601, CanBeCalledFromManyThreadsAtOnce) {
    std::vector<std::thread> threads;
    std::vector<std::string> results(4);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&results, t] {
            for (int i = 0; i < 10'000; ++i) results[t] = to_iso8601(at(2000 + 4 * t, 2, 29, 12));
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(results[0], "2000-02-29T12:00:00.000Z");
    EXPECT_EQ(results[3], "2012-02-29T12:00:00.000Z");
}

TEST(Now, IsCloseToTheSystemClock) {
    const auto system = floor<microseconds>(system_clock::now());
    const Timestamp t = now();
    EXPECT_GE(t, system);
    EXPECT_LT(t - system, seconds{5});
}

TEST(ParseIso8601, ReadsADateAsMidnightUtc) { EXPECT_EQ(parse_iso8601("2026-11-24"), at(2026, 11, 24)); }

TEST(ParseIso8601, ReadsUtcDateTimes) {
    EXPECT_EQ(parse_iso8601("2026-11-24T23:16:22Z"), at(2026, 11, 24, 23, 16, 22));
    EXPECT_EQ(parse_iso8601("2026-11-24t23:16:22z"), at(2026, 11, 24, 23, 16, 22));
    EXPECT_EQ(parse_iso8601("2026-11-24 23:16:22Z"), at(2026, 11, 24, 23, 16, 22));
}

TEST(ParseIso8601, ReadsFractionalSecondsUpToSixDigits) {
    EXPECT_EQ(parse_iso8601("2026-11-24T23:16:22.1Z"), at(2026, 11, 24, 23, 16, 22, 100'000));
    EXPECT_EQ(parse_iso8601("2026-11-24T23:16:22.123Z"), at(2026, 11, 24, 23, 16, 22, 123'000));
    EXPECT_EQ(parse_iso8601("2026-11-24T23:16:22.123456Z"), at(2026, 11, 24, 23, 16, 22, 123'456));
    EXPECT_FALSE(parse_iso8601("2026-11-24T23:16:22.1234567Z"));
    EXPECT_FALSE(parse_iso8601("2026-11-24T23:16:22.Z"));
}

TEST(ParseIso8601, AppliesOffsets) {
    const Timestamp utc = at(2026, 11, 24, 17, 46, 22);
    EXPECT_EQ(parse_iso8601("2026-11-24T23:16:22+05:30"), utc);
    EXPECT_EQ(parse_iso8601("2026-11-24T23:16:22+0530"), utc);
    EXPECT_EQ(parse_iso8601("2026-11-24T09:46:22-0800"), utc);
    EXPECT_EQ(parse_iso8601("2026-11-24T09:46:22-08:00"), utc);
    EXPECT_EQ(parse_iso8601("2026-11-24T17:46:22+00"), utc);
    EXPECT_EQ(parse_iso8601("2026-11-25T01:16:22.5+07:30"), utc + milliseconds{500});
}

TEST(ParseIso8601, OffsetsCrossDayAndYearBoundaries) {
    EXPECT_EQ(parse_iso8601("2027-01-01T02:00:00+05:30"), at(2026, 12, 31, 20, 30));
    EXPECT_EQ(parse_iso8601("2026-12-31T20:00:00-05:00"), at(2027, 1, 1, 1));
}

TEST(ParseIso8601, RejectsInvalidCalendarDatesAndTimes) {
    EXPECT_FALSE(parse_iso8601("2026-02-30"));
    EXPECT_FALSE(parse_iso8601("2026-02-29"));
    EXPECT_TRUE(parse_iso8601("2024-02-29"));
    EXPECT_FALSE(parse_iso8601("2100-02-29"));
    EXPECT_TRUE(parse_iso8601("2000-02-29"));
    EXPECT_FALSE(parse_iso8601("2026-13-01"));
    EXPECT_FALSE(parse_iso8601("2026-00-01"));
    EXPECT_FALSE(parse_iso8601("2026-04-31"));
    EXPECT_FALSE(parse_iso8601("2026-01-00"));
    EXPECT_FALSE(parse_iso8601("2026-11-24T24:00:00Z"));
    EXPECT_FALSE(parse_iso8601("2026-11-24T23:60:00Z"));
    EXPECT_FALSE(parse_iso8601("2026-11-24T23:59:60Z"));
    EXPECT_FALSE(parse_iso8601("2026-11-24T23:59:59+24:00"));
    EXPECT_FALSE(parse_iso8601("2026-11-24T23:59:59+05:60"));
}

TEST(ParseIso8601, RejectsMalformedText) {
    for (const char* text : {"",
                             "2026",
                             "2026-11",
                             "2026-1-24",
                             "26-11-24",
                             "2026/11/24",
                             "2026-11-24T",
                             "2026-11-24T23:16Z",
                             "2026-11-24T23:16:22",
                             "2026-11-24T23:16:22+5:30",
                             "2026-11-24T23:16:22+05:3",
                             "2026-11-24T23:16:22 Z",
                             "2026-11-24T23:16:22Zx",
                             " 2026-11-24",
                             "2026-11-24 ",
                             "+2026-11-24",
                             "20261-11-24",
                             "2026-11-24X23:16:22Z",
                             "2026-11-24T23:16:22+05:30:00",
                             "2026-11-24T23:16:22+00 BC",
                             "２０２６-11-24"}) {
        EXPECT_FALSE(parse_iso8601(text)) << text;
    }
}

TEST(ParseIso8601, RoundTripsWhatToIso8601Writes) {
    const Timestamp t = floor<milliseconds>(now());
    EXPECT_EQ(parse_iso8601(to_iso8601(t)), t);
}

TEST(ParsePostgresTimestamptz, ReadsIsoOutputInUtc) {
    EXPECT_EQ(parse_postgres_timestamptz("2026-11-24 23:16:22.123456+00"), at(2026, 11, 24, 23, 16, 22, 123'456));
    EXPECT_EQ(parse_postgres_timestamptz("2026-11-24 23:16:22+00"), at(2026, 11, 24, 23, 16, 22));
    EXPECT_EQ(parse_postgres_timestamptz("2026-11-24 23:16:22.5+00"), at(2026, 11, 24, 23, 16, 22, 500'000));
}

TEST(ParsePostgresTimestamptz, ReadsOtherSessionTimeZones) {
    const Timestamp utc = at(2026, 11, 24, 17, 46, 22);
    EXPECT_EQ(parse_postgres_timestamptz("2026-11-24 23:16:22+05:30"), utc);
    EXPECT_EQ(parse_postgres_timestamptz("2026-11-24 09:46:22-08"), utc);
    EXPECT_EQ(parse_postgres_timestamptz("1900-01-01 05:53:28+05:53:28"), at(1900, 1, 1));
}

TEST(ParsePostgresTimestamptz, ReadsFiveDigitYearsAndBcDates) {
    EXPECT_EQ(parse_postgres_timestamptz("10000-01-01 00:00:00+00"), at(10000, 1, 1));
    EXPECT_EQ(parse_postgres_timestamptz("0044-03-15 12:00:00+00 BC"), at(-43, 3, 15, 12));
}

TEST(ParsePostgresTimestamptz, RejectsOtherFormsAndInfinity) {
    for (const char* text : {"infinity", "-infinity", "2026-11-24", "2026-11-24T23:16:22+00", "2026-11-24 23:16:22Z",
                             "2026-11-24 23:16:22", "2026-11-24 23:16:22.1234567+00", "2026-02-30 00:00:00+00",
                             "2026-11-24 23:16:22+0530", ""}) {
        EXPECT_FALSE(parse_postgres_timestamptz(text)) << text;
    }
}

}  // namespace
}  // namespace superapp::platform::core
