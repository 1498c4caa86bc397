#pragma once
// For tests that need the Redis the test script starts (REDIS_URL) and run the client's coroutines.
#include <gtest/gtest.h>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <cstdlib>

#define REQUIRE_REDIS(url)                      \
    const char* url = std::getenv("REDIS_URL"); \
    if (url == nullptr || *url == '\0') GTEST_SKIP() << "REDIS_URL is not set; skipping a test that needs Redis"

namespace superapp::platform::redis::test_support {

/// Runs `call` to completion on an io_context of its own (standing for an io thread).
template <class T>
T await(boost::asio::awaitable<T> call) {
    boost::asio::io_context ctx;
    auto result = boost::asio::co_spawn(ctx, std::move(call), boost::asio::use_future);
    ctx.run();
    return result.get();
}

}  // namespace superapp::platform::redis::test_support
