#include "platform/realtime/redis_relay.hpp"

#include <algorithm>
#include <exception>

#include "platform/core/log.hpp"
#include "platform/realtime/relay_message.hpp"

namespace superapp::platform::realtime {

namespace log = core::log;
using std::chrono::milliseconds;

namespace {

constexpr milliseconds kTimeout{2000};  // connect, and each PUBLISH
constexpr milliseconds kFirstBackoff{100};
constexpr milliseconds kMaxBackoff{5000};

}  // namespace

// Publishes a client in `slot` for stop() to interrupt, and withdraws it before the client goes away.
class RedisRelay::Attached {
  public:
    Attached(RedisRelay& relay, RedisClient*& slot, RedisClient& client) : relay_(relay), slot_(slot) {
        std::lock_guard lock(relay_.mutex_);
        slot_ = &client;
    }
    ~Attached() {
        std::lock_guard lock(relay_.mutex_);
        slot_ = nullptr;
    }
    Attached(const Attached&) = delete;
    Attached& operator=(const Attached&) = delete;

  private:
    RedisRelay& relay_;
    RedisClient*& slot_;
};

RedisRelay::RedisRelay(EventBus& bus, std::string_view redis_url, std::string channel)
    : bus_(bus), address_(parse_redis_url(redis_url)), channel_(std::move(channel)), origin_(new_origin()) {}

RedisRelay::~RedisRelay() { stop(); }

void RedisRelay::start() {
    subscriber_thread_ = std::thread([this] { subscribe_loop(); });
    publisher_thread_ = std::thread([this] { publish_loop(); });
}

void RedisRelay::send(std::span<const Event> events) {
    if (events.empty()) return;
    std::vector<QueuedMessage> messages = encode_messages(origin_, events);
    std::size_t dropped = 0;
    {
        std::lock_guard lock(mutex_);
        for (auto& message : messages) {
            if (stopping_ || publisher_down_ || queue_.size() >= kMaxQueued) {
                dropped += message.events;
                continue;
            }
            queue_.push_back(std::move(message));
        }
    }
    wake_.notify_all();
    if (dropped > 0) {
        count_dropped(counters_, dropped, events.front().name, "event not relayed: Redis unreachable or backlog full");
    }
}

void RedisRelay::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        queue_.clear();
        if (subscriber_ != nullptr) subscriber_->interrupt();
        if (publisher_ != nullptr) publisher_->interrupt();
    }
    wake_.notify_all();
    if (subscriber_thread_.joinable()) subscriber_thread_.join();
    if (publisher_thread_.joinable()) publisher_thread_.join();
}

std::unique_ptr<RedisClient> RedisRelay::connect(Link link, milliseconds& backoff) {
    const char* name = link == Link::publish ? "publish" : "subscribe";
    for (bool logged = false;;) {
        try {
            return std::make_unique<RedisClient>(address_, kTimeout,
                                                 std::string("superapp:relay:") + name + ":" + origin_);
        } catch (const std::exception& e) {
            if (!logged) log::warn("relay cannot reach Redis; retrying", {{"link", name}, {"error", e.what()}});
            logged = true;
        }
        if (link == Link::publish) {
            // Nothing waits for Redis to come back: what is queued now goes, and send() drops until then.
            std::lock_guard lock(mutex_);
            publisher_down_ = true;
            for (const auto& queued : queue_) counters_.dropped += static_cast<long>(queued.events);
            queue_.clear();
            retry_front_ = false;
        }
        if (!pause(backoff)) return nullptr;
    }
}

bool RedisRelay::pause(milliseconds& backoff) {
    std::unique_lock lock(mutex_);
    if (wake_.wait_for(lock, backoff, [this] { return stopping_; })) return false;
    backoff = std::min(backoff * 2, kMaxBackoff);
    return true;
}

void RedisRelay::subscribe_loop() {
    milliseconds backoff = kFirstBackoff;
    for (;;) {
        auto client = connect(Link::subscribe, backoff);
        if (!client) return;
        try {
            Attached attached(*this, subscriber_, *client);
            {
                std::lock_guard lock(mutex_);
                if (stopping_) return;
            }
            client->subscribe(channel_);
            backoff = kFirstBackoff;
            if (counters_.subscriptions++ > 0) log::info("relay subscribed to Redis again", {{"channel", channel_}});
            for (;;) receive(client->next_message(), origin_, bus_, counters_);
        } catch (const std::exception& e) {
            std::lock_guard lock(mutex_);
            if (stopping_) return;
            log::warn("relay lost its Redis subscription; reconnecting", {{"error", e.what()}});
        }
        client.reset();
        if (!pause(backoff)) return;
    }
}

void RedisRelay::publish_loop() {
    milliseconds backoff = kFirstBackoff;
    for (;;) {
        auto client = connect(Link::publish, backoff);
        if (!client) return;
        backoff = kFirstBackoff;
        Attached attached(*this, publisher_, *client);
        {
            std::lock_guard lock(mutex_);
            if (stopping_) return;
            if (publisher_down_) log::info("relay publishes to Redis again");
            publisher_down_ = false;
        }
        if (!drain(*client)) return;
    }
}

bool RedisRelay::drain(RedisClient& client) {
    for (;;) {
        QueuedMessage message;
        bool retry = false;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (stopping_) return false;
            message = std::move(queue_.front());
            queue_.pop_front();
            retry = retry_front_;
            retry_front_ = false;
        }
        try {
            client.publish(channel_, message.text);
            counters_.sent += static_cast<long>(message.events);
        } catch (const std::exception& e) {
            std::lock_guard lock(mutex_);
            if (stopping_) return false;
            log::warn("relay lost its Redis publishing connection; reconnecting", {{"error", e.what()}});
            // A connection Redis closed while idle fails on the next command, which Redis never read:
            // that message goes once more, first, on the next connection.
            if (retry) {
                counters_.dropped += static_cast<long>(message.events);
            } else {
                queue_.push_front(std::move(message));
                retry_front_ = true;
            }
            return true;
        }
    }
}

}  // namespace superapp::platform::realtime
