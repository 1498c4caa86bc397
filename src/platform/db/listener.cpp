#include "platform/db/listener.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <optional>

#include "platform/core/log.hpp"
#include "platform/db/error.hpp"
#include "platform/db/text_codec.hpp"

namespace superapp::platform::db {

namespace asio = boost::asio;
namespace log = core::log;
using std::chrono::milliseconds;

namespace {

constexpr milliseconds kFirstBackoff{100};
constexpr milliseconds kMaxBackoff{5000};

}  // namespace

Listener::Listener(asio::io_context& ctx, const PoolOptions& options, std::string channel,
                   std::function<void()> on_listen)
    : ctx_(ctx),
      spec_(options),
      connect_timeout_(options.connect_timeout),
      channel_(std::move(channel)),
      on_listen_(std::move(on_listen)),
      backoff_timer_(ctx),
      backoff_(kFirstBackoff) {}

Listener::~Listener() = default;

asio::awaitable<void> Listener::connect() {
    auto conn = co_await Connection::open(ctx_, spec_, Clock::now() + connect_timeout_);
    co_await conn->run_script("LISTEN " + text::quote_identifier(channel_), Clock::now() + connect_timeout_);
    conn_ = std::move(conn);
}

asio::awaitable<std::vector<Notification>> Listener::next() {
    bool failing = false;  // log a run of failed attempts once
    while (!closed_) {
        std::optional<DbError> failure;
        try {
            if (!conn_) {
                co_await connect();
                if (closed_) break;
                if (sessions_++ > 0) log::info("listening again", {{"channel", channel_}});
                if (on_listen_) on_listen_();
                backoff_ = kFirstBackoff;
            }
            co_return co_await conn_->notifications();
        } catch (const DbError& e) {
            failure = e;
        }
        conn_.reset();
        if (closed_) break;
        if (!failing)
            log::warn("listen session lost or not opened; retrying",
                      {{"channel", channel_}, {"error", failure->what()}});
        failing = true;
        backoff_timer_.expires_after(backoff_);
        boost::system::error_code ignored;
        co_await backoff_timer_.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
        backoff_ = std::min(backoff_ * 2, kMaxBackoff);
    }
    co_return std::vector<Notification>{};
}

void Listener::close() {
    closed_ = true;
    backoff_timer_.cancel();
    if (conn_) conn_->abort();
}

}  // namespace superapp::platform::db
