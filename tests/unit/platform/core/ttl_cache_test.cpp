#include "platform/core/ttl_cache.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <stdexcept>
#include <thread>
#include <vector>

namespace superapp::platform::core {
namespace {

using namespace std::chrono_literals;
using Cache = TtlCache<int>;

TEST(TtlCache, TheFirstCallerForAKeyReadsItAndTheOthersWait) {
    Cache cache(1h, 8);
    const Cache::Found first = cache.find("k");
    EXPECT_TRUE(first.refresh);
    EXPECT_FALSE(first.value);
    const Cache::Found second = cache.find("k");
    EXPECT_TRUE(second.wait);
    EXPECT_FALSE(second.refresh);
    cache.keep("k", std::make_shared<const int>(7), cache.generation());
    const Cache::Found third = cache.find("k");
    ASSERT_TRUE(third.value);
    EXPECT_EQ(*third.value, 7);
    EXPECT_FALSE(third.refresh || third.wait);
}

TEST(TtlCache, AFullCacheKeepsWhatItHasWhenAskedForAnotherKey) {
    Cache cache(1h, 2);
    for (const char* key : {"a", "b"}) {
        cache.find(key);
        cache.keep(key, std::make_shared<const int>(1), cache.generation());
    }
    EXPECT_TRUE(cache.find("c").refresh);
    EXPECT_TRUE(cache.find("c").refresh);  // not waited on: the cache had no room to note the read
    EXPECT_TRUE(cache.find("a").value && cache.find("b").value);
}

TEST(TtlCache, AnAbandonedReadLetsTheNextCallerRead) {
    Cache cache(1h, 8);
    EXPECT_TRUE(cache.find("k").refresh);
    cache.abandon("k");
    EXPECT_TRUE(cache.find("k").refresh);
}

TEST(TtlCache, AReadThatOutlivesTheTtlIsGivenUpOn) {
    Cache cache(500ms, 8);
    EXPECT_TRUE(cache.find("k").refresh);
    EXPECT_TRUE(cache.find("k").wait);
    std::this_thread::sleep_for(550ms);
    EXPECT_TRUE(cache.find("k").refresh);
}

boost::asio::awaitable<std::shared_ptr<const int>> slow_read(int& reads) {
    ++reads;
    const auto executor = co_await boost::asio::this_coro::executor;
    boost::asio::steady_timer pause(executor, 20ms);
    co_await pause.async_wait(boost::asio::use_awaitable);
    co_return std::make_shared<const int>(42);
}

boost::asio::awaitable<void> get_into(Cache& cache, int& reads, int& got) {
    const auto read = [&reads] { return slow_read(reads); };
    const std::shared_ptr<const int> value = co_await cache.get("k", read);
    got = *value;
}

TEST(TtlCache, ABurstOfGetsForAMissingKeyReadsItOnce) {
    boost::asio::io_context io;
    Cache cache(1h, 8);
    int reads = 0;
    std::vector<int> got(50, 0);
    for (int& g : got) boost::asio::co_spawn(io, get_into(cache, reads, g), boost::asio::detached);
    io.run();
    EXPECT_EQ(reads, 1);
    for (int g : got) EXPECT_EQ(g, 42);
}

boost::asio::awaitable<std::shared_ptr<const int>> failing_read(int& reads) {
    ++reads;
    throw std::runtime_error("database unavailable");
    co_return nullptr;
}

boost::asio::awaitable<void> get_failing(Cache& cache, int& reads, bool& failed) {
    const auto read = [&reads] { return failing_read(reads); };
    try {
        co_await cache.get("k", read);
    } catch (const std::runtime_error&) {
        failed = true;
    }
}

TEST(TtlCache, AFailedReadIsThrownAndTheNextGetReadsAgain) {
    boost::asio::io_context io;
    Cache cache(1h, 8);
    int reads = 0;
    bool first_failed = false;
    bool second_failed = false;
    boost::asio::co_spawn(io, get_failing(cache, reads, first_failed), boost::asio::detached);
    io.run();
    io.restart();
    boost::asio::co_spawn(io, get_failing(cache, reads, second_failed), boost::asio::detached);
    io.run();
    EXPECT_TRUE(first_failed && second_failed);
    EXPECT_EQ(reads, 2);
}

}  // namespace
}  // namespace superapp::platform::core
