#include "platform/redis/asio_adapter.hpp"

#include <hiredis/async.h>

#include <boost/asio/posix/stream_descriptor.hpp>
#include <memory>

namespace superapp::platform::redis {

namespace {

namespace asio = boost::asio;
using Wait = asio::posix::stream_descriptor::wait_type;

class Watch : public std::enable_shared_from_this<Watch> {
  public:
    Watch(redisAsyncContext* ac, asio::io_context& io, std::function<void()> on_cleanup)
        : ac_(ac), socket_(io, ac->c.fd), on_cleanup_(std::move(on_cleanup)) {}

    void want_read(bool on) {
        reading_ = on;
        if (on) arm(Wait::wait_read);
    }
    void want_write(bool on) {
        writing_ = on;
        if (on) arm(Wait::wait_write);
    }
    /// hiredis is freeing the context: stop waiting and leave the fd to hiredis.
    void cleanup() {
        ac_ = nullptr;
        reading_ = writing_ = false;
        socket_.release();  // cancels the waits without closing the fd
        if (on_cleanup_) on_cleanup_();
    }

  private:
    // One wait per direction at a time; a wait that completes after its interest was dropped
    // does nothing.
    void arm(Wait which) {
        bool& waiting = which == Wait::wait_read ? read_waiting_ : write_waiting_;
        if (waiting || ac_ == nullptr) return;
        waiting = true;
        socket_.async_wait(
            which, [self = shared_from_this(), which](const boost::system::error_code& ec) { self->ready(which, ec); });
    }
    void ready(Wait which, const boost::system::error_code& ec) {
        const bool read = which == Wait::wait_read;
        (read ? read_waiting_ : write_waiting_) = false;
        if (ec || ac_ == nullptr || !(read ? reading_ : writing_)) return;
        if (read) {
            redisAsyncHandleRead(ac_);
        } else {
            redisAsyncHandleWrite(ac_);
        }
        // The call may have freed the context (cleanup() ran) or dropped the interest.
        if (ac_ != nullptr && (read ? reading_ : writing_)) arm(which);
    }

    redisAsyncContext* ac_;
    asio::posix::stream_descriptor socket_;
    std::function<void()> on_cleanup_;
    bool reading_ = false;
    bool writing_ = false;
    bool read_waiting_ = false;
    bool write_waiting_ = false;
};

Watch& watch(void* data) { return **static_cast<std::shared_ptr<Watch>*>(data); }

}  // namespace

void attach(redisAsyncContext* ac, asio::io_context& io, std::function<void()> on_cleanup) {
    // The waits in flight hold the Watch too, so it outlives the context's last hook call.
    ac->ev.data = new std::shared_ptr<Watch>(std::make_shared<Watch>(ac, io, std::move(on_cleanup)));
    ac->ev.addRead = [](void* data) { watch(data).want_read(true); };
    ac->ev.delRead = [](void* data) { watch(data).want_read(false); };
    ac->ev.addWrite = [](void* data) { watch(data).want_write(true); };
    ac->ev.delWrite = [](void* data) { watch(data).want_write(false); };
    ac->ev.cleanup = [](void* data) {
        auto* holder = static_cast<std::shared_ptr<Watch>*>(data);
        (*holder)->cleanup();
        delete holder;
    };
}

}  // namespace superapp::platform::redis
