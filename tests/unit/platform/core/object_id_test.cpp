#include "platform/core/object_id.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>
#include <unordered_set>
#include <vector>

namespace superapp::platform::core {
namespace {

std::uint32_t counter_of(const ObjectId& id) {
    const auto& b = id.bytes();
    return static_cast<std::uint32_t>(b[9]) << 16 | static_cast<std::uint32_t>(b[10]) << 8 | b[11];
}

std::uint32_t unix_seconds_now() {
    return static_cast<std::uint32_t>(
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
}

TEST(ObjectId, IsWrittenAs24LowercaseHexCharacters) {
    const std::string text = ObjectId::generate().to_string();
    ASSERT_EQ(text.size(), 24u);
    for (char c : text) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << text;
}

TEST(ObjectId, StartsWithTheCurrentUnixSecondsBigEndian) {
    const std::uint32_t before = unix_seconds_now();
    const ObjectId id = ObjectId::generate();
    const std::uint32_t after = unix_seconds_now();
    EXPECT_GE(id.seconds(), before);
    EXPECT_LE(id.seconds(), after);
    const auto& b = id.bytes();
    EXPECT_EQ(b[0], static_cast<std::uint8_t>(id.seconds() >> 24));
    EXPECT_EQ(b[3], static_cast<std::uint8_t>(id.seconds()));
}

TEST(ObjectId, SharesTheFiveProcessBytesAcrossIds) {
    const ObjectId a = ObjectId::generate();
    const ObjectId b = ObjectId::generate();
    for (int i = 4; i < 9; ++i) EXPECT_EQ(a.bytes()[i], b.bytes()[i]);
}

TEST(ObjectId, CounterIncreasesByOneBetweenConsecutiveIds) {
    ObjectId previous = ObjectId::generate();
    for (int i = 0; i < 1000; ++i) {
        const ObjectId next = ObjectId::generate();
        EXPECT_EQ(counter_of(next), (counter_of(previous) + 1) & 0xFFFFFF);
        previous = next;
    }
}

TEST(ObjectId, HundredThousandIdsFromFourThreadsAreUnique) {
    constexpr int kThreads = 4;
    constexpr int kPerThread = 25'000;
    std::vector<std::vector<ObjectId>> made(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&made, t] {
            made[t].reserve(kPerThread);
            for (int i = 0; i < kPerThread; ++i) made[t].push_back(ObjectId::generate());
        });
    }
    for (auto& thread : threads) thread.join();

    std::unordered_set<ObjectId> ids;
    std::set<std::string> texts;
    for (const auto& list : made) {
        for (const auto& id : list) {
            ids.insert(id);
            texts.insert(id.to_string());
        }
    }
    EXPECT_EQ(ids.size(), static_cast<std::size_t>(kThreads * kPerThread));
    EXPECT_EQ(texts.size(), static_cast<std::size_t>(kThreads * kPerThread));
}

TEST(ObjectId, ParseRoundTripsToString) {
    for (int i = 0; i < 100; ++i) {
        const ObjectId id = ObjectId::generate();
        const auto parsed = ObjectId::parse(id.to_string());
        ASSERT_TRUE(parsed.has_value());
        EXPECT_EQ(*parsed, id);
    }
}

TEST(ObjectId, ParseAcceptsUppercaseAndWritesLowercase) {
    const auto id = ObjectId::parse("507F1F77BCF86CD799439011");
    ASSERT_TRUE(id.has_value());
    EXPECT_EQ(id->to_string(), "507f1f77bcf86cd799439011");
    EXPECT_EQ(id->seconds(), 0x507f1f77u);
}

TEST(ObjectId, ParseRejectsWrongLengthAndNonHex) {
    EXPECT_FALSE(ObjectId::parse("507f1f77bcf86cd79943901"));    // 23
    EXPECT_FALSE(ObjectId::parse("507f1f77bcf86cd7994390111"));  // 25
    EXPECT_FALSE(ObjectId::parse(""));
    EXPECT_FALSE(ObjectId::parse("507f1f77bcf86cd79943901g"));
    EXPECT_FALSE(ObjectId::parse("507f1f77bcf86cd79943901 "));
    EXPECT_FALSE(ObjectId::parse("-07f1f77bcf86cd799439011"));
    EXPECT_FALSE(ObjectId::parse(std::string_view("507f1f77bcf86cd79943901\0", 24)));
    EXPECT_FALSE(ObjectId::is_valid("zzzzzzzzzzzzzzzzzzzzzzzz"));
    EXPECT_TRUE(ObjectId::is_valid("000000000000000000000000"));
}

TEST(ObjectId, DefaultIsAllZeros) {
    EXPECT_EQ(ObjectId().to_string(), "000000000000000000000000");
    EXPECT_NE(ObjectId(), ObjectId::generate());
}

TEST(ObjectId, OrdersByCreationTimeFirst) {
    const auto older = *ObjectId::parse("00000001ffffffffffffffff");
    const auto newer = *ObjectId::parse("0000000200000000000000aa");
    EXPECT_LT(older, newer);
    const ObjectId a = ObjectId::generate();
    const ObjectId b = ObjectId::generate();
    if (a.seconds() == b.seconds() && counter_of(b) != 0) {
        EXPECT_LT(a, b);
    }
}

TEST(ObjectId, FromBytesKeepsTheBytes) {
    const ObjectId id = ObjectId::generate();
    EXPECT_EQ(ObjectId::from_bytes(id.bytes()), id);
}

}  // namespace
}  // namespace superapp::platform::core
