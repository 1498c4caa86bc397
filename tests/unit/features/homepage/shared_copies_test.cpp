#include "features/homepage/shared_copies.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>

#include "../../platform/redis/redis_test_support.hpp"

namespace superapp::features::homepage {
namespace {

namespace asio = boost::asio;
using platform::redis::test_support::await;
using namespace std::chrono_literals;

std::string unique_part() {
    static std::atomic<int> counter{0};
    return "test:" + std::to_string(::getpid()) + ":" + std::to_string(counter++);
}

asio::awaitable<std::string> text_of(std::string text) { co_return text; }

/// A build that counts its calls and returns `text`.
SharedCopies::Build counted(int& calls, std::string text) {
    return [&calls, text] {
        ++calls;
        return text_of(text);
    };
}

TEST(SharedCopies, WithoutRedisEveryCallBuilds) {
    SharedCopies copies(nullptr);
    int calls = 0;
    EXPECT_EQ(await(copies.text("p", 10s, counted(calls, "built"))), "built");
    EXPECT_EQ(await(copies.text("p", 10s, counted(calls, "built"))), "built");
    EXPECT_EQ(calls, 2);
    copies.drop({"p"});
}

TEST(SharedCopies, WhatOneBuildsTheOthersRead) {
    REQUIRE_REDIS(url);
    platform::redis::Client client(platform::redis::parse_redis_url(url), 1s, "superapp-test");
    SharedCopies one(&client), other(&client);
    const std::string part = unique_part();
    int calls = 0;
    EXPECT_EQ(await(one.text(part, 10s, counted(calls, "first"))), "first");
    EXPECT_EQ(await(other.text(part, 10s, counted(calls, "second"))), "first");
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(await(client.get(std::string(kCopyPrefix) + part)), "first");

    one.drop({part});
    EXPECT_EQ(await(client.get(std::string(kCopyPrefix) + part)), std::nullopt);
    EXPECT_EQ(await(other.text(part, 10s, counted(calls, "third"))), "third");
    EXPECT_EQ(calls, 2);
}

TEST(SharedCopies, ABuildOverlappingADropStoresNothing) {
    REQUIRE_REDIS(url);
    platform::redis::Client client(platform::redis::parse_redis_url(url), 1s, "superapp-test");
    SharedCopies copies(&client);
    const std::string part = unique_part();
    // The data changes (and the copies are dropped) while the build reads it.
    const SharedCopies::Build racing = [&copies, part] {
        copies.drop({part});
        return text_of("read before the change");
    };
    EXPECT_EQ(await(copies.text(part, 10s, racing)), "read before the change");
    EXPECT_EQ(await(client.get(std::string(kCopyPrefix) + part)), std::nullopt);  // after the store, in order
    int calls = 0;
    EXPECT_EQ(await(copies.text(part, 10s, counted(calls, "fresh"))), "fresh");
    EXPECT_EQ(calls, 1);
}

TEST(SharedCopies, ARedisThatIsDownIsAMiss) {
    platform::redis::Client client(platform::redis::RedisAddress{"127.0.0.1", 1, "", ""}, 1s, "superapp-test");
    SharedCopies copies(&client);
    int calls = 0;
    EXPECT_EQ(await(copies.text("p", 10s, counted(calls, "built"))), "built");
    EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace superapp::features::homepage
