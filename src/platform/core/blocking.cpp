#include "platform/core/blocking.hpp"

namespace superapp::platform::core {

boost::asio::thread_pool& blocking_pool() {
    static boost::asio::thread_pool pool(4);
    return pool;
}

}  // namespace superapp::platform::core
