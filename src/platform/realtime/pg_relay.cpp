#include "platform/realtime/pg_relay.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>

#include "platform/core/log.hpp"
#include "platform/db/text_codec.hpp"
#include "platform/realtime/relay_message.hpp"

namespace superapp::platform::realtime {

namespace asio = boost::asio;
namespace log = core::log;

namespace {

constexpr std::string_view kNotify = "SELECT pg_notify($1, $2)";
// One statement, so the row and the NOTIFY that names it commit together (NOTIFY is delivered on commit).
constexpr std::string_view kStoreAndNotify =
    "WITH expired AS (DELETE FROM realtime_relay_events WHERE created_at < now() - interval '1 minute'),"
    " stored AS (INSERT INTO realtime_relay_events (payload) VALUES ($2) RETURNING id)"
    " SELECT pg_notify($1, '@' || $3 || ':' || id) FROM stored";
constexpr std::string_view kStored = "SELECT payload FROM realtime_relay_events WHERE id = $1";

}  // namespace

PgRelay::PgRelay(EventBus& bus, db::Database& db, asio::io_context& ctx, const db::PoolOptions& listen,
                 std::string channel)
    : bus_(bus),
      db_(db),
      ctx_(ctx),
      channel_(std::move(channel)),
      origin_(new_origin()),
      listener_(ctx, listen, channel_, [this]() { ++counters_.subscriptions; }),
      wake_(ctx, asio::steady_timer::time_point::max()) {}

void PgRelay::start() {
    asio::co_spawn(ctx_, listen_loop(this), asio::detached);
    asio::co_spawn(ctx_, send_loop(this), asio::detached);
}

void PgRelay::send(std::span<const Event> events) {
    if (events.empty()) return;
    std::vector<QueuedMessage> messages = encode_messages(origin_, events);
    std::size_t dropped = 0;
    {
        std::lock_guard lock(mutex_);
        for (auto& message : messages) {
            if (stopping_ || queue_.size() >= kMaxQueued) {
                dropped += message.events;
                continue;
            }
            queue_.push_back(std::move(message));
            // send_loop empties the queue before it waits: only the first message after that must wake it.
            if (queue_.size() == 1) asio::post(ctx_, [this]() { wake_.cancel(); });
        }
    }
    if (dropped > 0) count_dropped(counters_, dropped, events.front().name, "event not relayed: backlog full");
}

void PgRelay::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        stopping_ = true;
        queue_.clear();
    }
    asio::post(ctx_, [this]() {
        listener_.close();
        wake_.cancel();
    });
}

bool PgRelay::stopping() {
    std::lock_guard lock(mutex_);
    return stopping_;
}

asio::awaitable<void> PgRelay::listen_loop(PgRelay* self) {
    for (;;) {
        std::vector<db::Notification> notes = co_await self->listener_.next();
        if (notes.empty()) co_return;  // closed
        for (auto& note : notes) co_await self->handle(std::move(note.payload));
    }
}

asio::awaitable<void> PgRelay::handle(std::string payload) {
    if (payload.starts_with('@')) {
        // "@<origin>:<row id>": a message too big for a NOTIFY, in realtime_relay_events.
        const auto colon = payload.find(':');
        const auto row = colon == std::string::npos
                             ? std::nullopt
                             : db::text::parse_integer(std::string_view(payload).substr(colon + 1));
        if (!row) {
            log::warn("relay message ignored: not an event", {{"bytes", payload.size()}});
            co_return;
        }
        if (std::string_view(payload).substr(1, colon - 1) == origin_) co_return;
        const std::int64_t id = *row;
        try {
            db::Result stored = co_await db_.execute(kStored, id);
            if (stored.empty()) {
                log::warn("relayed event expired before it was read", {{"id", id}});
                co_return;
            }
            payload = stored[0].get<std::string>(0);
        } catch (const std::exception& e) {
            log::warn("relayed event not read", {{"id", id}, {"error", e.what()}});
            co_return;
        }
    }
    receive(payload, origin_, bus_, counters_);
}

asio::awaitable<void> PgRelay::send_loop(PgRelay* self) {
    for (;;) {
        std::deque<QueuedMessage> batch;
        {
            std::lock_guard lock(self->mutex_);
            if (self->stopping_) co_return;
            batch.swap(self->queue_);
        }
        if (batch.empty()) {
            boost::system::error_code ignored;
            co_await self->wake_.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
            continue;
        }
        for (auto& message : batch) {
            if (self->stopping()) co_return;
            co_await self->notify(std::move(message));
        }
    }
}

asio::awaitable<void> PgRelay::notify(QueuedMessage message) {
    try {
        if (message.text.size() <= kMaxInlineBytes) {
            co_await db_.execute(kNotify, channel_, message.text);
        } else {
            co_await db_.execute(kStoreAndNotify, channel_, message.text, origin_);
        }
        counters_.sent += static_cast<long>(message.events);
        if (send_failing_) log::info("relay sends events again");
        send_failing_ = false;
    } catch (const std::exception& e) {
        counters_.dropped += static_cast<long>(message.events);
        if (!send_failing_) log::warn("event not relayed: database unavailable", {{"error", e.what()}});
        send_failing_ = true;
    }
}

}  // namespace superapp::platform::realtime
