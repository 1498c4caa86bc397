#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <type_traits>
#include <utility>

namespace superapp::platform::core {

/// The process-wide pool for calls that must block (files, libcurl, libmagic), so that io
/// threads never do. Created on first use with a few threads.
boost::asio::thread_pool& blocking_pool();

namespace detail {
template <class F>
boost::asio::awaitable<std::invoke_result_t<F&>> invoke_blocking(F fn) {
    co_return fn();
}
}  // namespace detail

/// Runs `fn` on the blocking pool and resumes the caller on its own executor with fn's result;
/// exceptions thrown by fn are rethrown to the caller. `fn` may be a capturing (non-coroutine) lambda.
template <class F>
boost::asio::awaitable<std::invoke_result_t<F&>> run_blocking(F fn) {
    return boost::asio::co_spawn(blocking_pool(), detail::invoke_blocking(std::move(fn)), boost::asio::use_awaitable);
}

}  // namespace superapp::platform::core
