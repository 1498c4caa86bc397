#include "platform/core/blocking.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <stdexcept>
#include <thread>

namespace superapp::platform::core {
namespace {

boost::asio::awaitable<void> call_twice(std::thread::id& worker, std::thread::id& after, int& result) {
    result = co_await run_blocking([&worker] {
        worker = std::this_thread::get_id();
        return 41;
    });
    result += 1;
    after = std::this_thread::get_id();
    co_await run_blocking([] {});
}

TEST(RunBlocking, RunsOnThePoolAndResumesOnTheCallersThread) {
    boost::asio::io_context io;
    std::thread::id worker, after;
    int result = 0;
    boost::asio::co_spawn(io, call_twice(worker, after, result), boost::asio::detached);
    io.run();
    EXPECT_EQ(result, 42);
    EXPECT_NE(worker, std::this_thread::get_id());
    EXPECT_EQ(after, std::this_thread::get_id());
}

boost::asio::awaitable<void> call_throwing(bool& caught) {
    try {
        co_await run_blocking([]() -> int { throw std::runtime_error("disk on fire"); });
    } catch (const std::runtime_error&) {
        caught = true;
    }
}

TEST(RunBlocking, RethrowsTheFunctionsException) {
    boost::asio::io_context io;
    bool caught = false;
    boost::asio::co_spawn(io, call_throwing(caught), boost::asio::detached);
    io.run();
    EXPECT_TRUE(caught);
}

}  // namespace
}  // namespace superapp::platform::core
