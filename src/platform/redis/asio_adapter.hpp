#pragma once
// Drives a hiredis async context from a Boost.Asio io_context: hiredis says when it wants to read or
// write (its addRead/delRead/addWrite/delWrite hooks) and the adapter waits for the socket to be ready
// with a stream_descriptor, then lets hiredis do the I/O. Everything runs on the io_context's one thread.
#include <boost/asio/io_context.hpp>
#include <functional>

struct redisAsyncContext;

namespace superapp::platform::redis {

/// Attaches `ac` (just connected, not yet attached) to `io`. `on_cleanup` runs when hiredis frees the
/// context (lost connection, failed connect or redisAsyncFree); the fd is hiredis's to close.
void attach(redisAsyncContext* ac, boost::asio::io_context& io, std::function<void()> on_cleanup);

}  // namespace superapp::platform::redis
