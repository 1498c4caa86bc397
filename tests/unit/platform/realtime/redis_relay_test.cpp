#include "platform/realtime/redis_relay.hpp"

#include <gtest/gtest.h>
#include <hiredis/hiredis.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <sstream>

#include "relay_test_support.hpp"

namespace superapp::platform::realtime {
namespace {

using test_support::eventually;
using test_support::numbered;
using test_support::Recorder;
using Seen = std::vector<std::string>;

/// The events seen, in no particular order: one process's own event and another's relayed one may
/// arrive either way round.
Seen sorted(Seen seen) {
    std::sort(seen.begin(), seen.end());
    return seen;
}

std::string unique_channel() {
    static std::atomic<int> counter{0};
    return "superapp:test:" + std::to_string(::getpid()) + ":" + std::to_string(counter++);
}

/// Closes, from the Redis side, every connection whose name holds `origin` (CLIENT LIST / CLIENT KILL).
int kill_connections_of(const RedisAddress& address, const std::string& origin) {
    redisContext* c = redisConnect(address.host.c_str(), address.port);
    if (c == nullptr || c->err) throw std::runtime_error("cannot connect to Redis");
    auto* list = static_cast<redisReply*>(redisCommand(c, "CLIENT LIST"));
    std::istringstream lines(std::string(list->str, list->len));
    freeReplyObject(list);
    int killed = 0;
    for (std::string line; std::getline(lines, line);) {
        if (line.find(origin) == std::string::npos) continue;
        const std::string id = line.substr(3, line.find(' ') - 3);  // "id=<n> addr=..."
        freeReplyObject(redisCommand(c, "CLIENT KILL ID %s", id.c_str()));
        ++killed;
    }
    redisFree(c);
    return killed;
}

#define REQUIRE_REDIS(url)                      \
    const char* url = std::getenv("REDIS_URL"); \
    if (url == nullptr || *url == '\0') GTEST_SKIP() << "REDIS_URL is not set; skipping a test that needs Redis"

TEST(RedisUrl, ReadsHostPortAndCredentials) {
    const auto plain = parse_redis_url("redis://127.0.0.1:6380/2");
    EXPECT_EQ(plain.host, "127.0.0.1");
    EXPECT_EQ(plain.port, 6380);
    EXPECT_EQ(plain.password, "");
    const auto secret = parse_redis_url("redis://app:p%40ss@cache.internal");
    EXPECT_EQ(secret.host, "cache.internal");
    EXPECT_EQ(secret.port, 6379);
    EXPECT_EQ(secret.user, "app");
    EXPECT_EQ(secret.password, "p@ss");
    EXPECT_EQ(parse_redis_url("redis://:only-password@[::1]:7000").password, "only-password");
    EXPECT_EQ(parse_redis_url("redis://:only-password@[::1]:7000").host, "::1");
    EXPECT_THROW(parse_redis_url("http://127.0.0.1"), std::invalid_argument);
    EXPECT_THROW(parse_redis_url("redis://"), std::invalid_argument);
    EXPECT_THROW(parse_redis_url("redis://host:0"), std::invalid_argument);
}

TEST(RedisRelay, EachProcessGetsEachEventOnceAndAgainAfterRedisDropsItsConnections) {
    REQUIRE_REDIS(url);
    const std::string channel = unique_channel();
    EventBus bus_a, bus_b;
    Recorder at_a(bus_a), at_b(bus_b);
    RedisRelay relay_a(bus_a, url, channel), relay_b(bus_b, url, channel);
    bus_a.relay_to([&](std::span<const Event> e) { relay_a.send(e); });
    bus_b.relay_to([&](std::span<const Event> e) { relay_b.send(e); });
    relay_a.start();
    relay_b.start();
    ASSERT_TRUE(eventually(
        [&] { return relay_a.counters().subscriptions.load() == 1 && relay_b.counters().subscriptions.load() == 1; }));

    bus_a.publish(numbered("from_a", 1));
    bus_b.publish(numbered("from_b", 2));
    EXPECT_EQ(sorted(at_b.wait_for(2)), (Seen{"from_a:1", "from_b:2"}));
    EXPECT_EQ(sorted(at_a.wait_for(2)), (Seen{"from_a:1", "from_b:2"}));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // room for a duplicate to show up
    EXPECT_EQ(at_a.seen().size(), 2u);
    EXPECT_EQ(at_b.seen().size(), 2u);

    // Redis closes both relays' connections (subscriber and publisher): they come back by themselves, and
    // the first PUBLISH on the dead connection goes again on the new one.
    const RedisAddress address = parse_redis_url(url);
    EXPECT_EQ(kill_connections_of(address, relay_a.origin()), 2);
    EXPECT_EQ(kill_connections_of(address, relay_b.origin()), 2);
    ASSERT_TRUE(eventually(
        [&] { return relay_a.counters().subscriptions.load() == 2 && relay_b.counters().subscriptions.load() == 2; }));
    bus_a.publish(numbered("from_a", 3));
    EXPECT_EQ(sorted(at_b.wait_for(3)), (Seen{"from_a:1", "from_a:3", "from_b:2"}));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_EQ(sorted(at_a.seen()), (Seen{"from_a:1", "from_a:3", "from_b:2"}));
    EXPECT_EQ(at_b.seen().size(), 3u);
    EXPECT_EQ(relay_a.counters().sent.load(), 2);
    EXPECT_EQ(relay_a.counters().dropped.load(), 0);
    EXPECT_EQ(relay_b.counters().received.load(), 2);
    relay_a.stop();
    relay_b.stop();
}

TEST(RedisRelay, DropsAndCountsWhileRedisIsUnreachable) {
    EventBus bus;
    Recorder here(bus);
    RedisRelay relay(bus, "redis://127.0.0.1:1", unique_channel());  // nothing listens on port 1
    bus.relay_to([&](std::span<const Event> e) { relay.send(e); });
    relay.start();
    ASSERT_TRUE(eventually([&] {
        bus.publish(numbered("lost", 0));
        return relay.counters().dropped.load() > 0;
    }));
    EXPECT_EQ(relay.counters().sent.load(), 0);
    EXPECT_FALSE(here.seen().empty());  // delivered here all the same
    relay.stop();
}

TEST(RedisRelay, StopsPromptlyWhileBlockedOnASubscription) {
    REQUIRE_REDIS(url);
    EventBus bus;
    RedisRelay relay(bus, url, unique_channel());
    relay.start();
    ASSERT_TRUE(eventually([&] { return relay.counters().subscriptions.load() == 1; }));
    const auto begun = std::chrono::steady_clock::now();
    relay.stop();
    EXPECT_LT(std::chrono::steady_clock::now() - begun, std::chrono::seconds(1));
}

}  // namespace
}  // namespace superapp::platform::realtime
