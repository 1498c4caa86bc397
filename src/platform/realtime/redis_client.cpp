#include "platform/realtime/redis_client.hpp"

#include <hiredis/hiredis.h>
#include <sys/socket.h>

#include <boost/url/parse.hpp>
#include <memory>
#include <stdexcept>
#include <vector>

namespace superapp::platform::realtime {

namespace {

struct FreeReply {
    void operator()(redisReply* r) const { freeReplyObject(r); }
};
using Reply = std::unique_ptr<redisReply, FreeReply>;

timeval to_timeval(std::chrono::milliseconds ms) {
    return timeval{static_cast<time_t>(ms.count() / 1000), static_cast<suseconds_t>((ms.count() % 1000) * 1000)};
}

std::string_view text_of(const redisReply* r) { return std::string_view(r->str, r->len); }

}  // namespace

RedisAddress parse_redis_url(std::string_view url) {
    auto parsed = boost::urls::parse_uri(url);
    if (!parsed) throw std::invalid_argument("REDIS_URL is not a URL");
    if (parsed->scheme() != "redis") throw std::invalid_argument("REDIS_URL must be a redis:// URL");
    RedisAddress out;
    out.host = parsed->host_address();
    if (out.host.empty()) throw std::invalid_argument("REDIS_URL has no host");
    if (parsed->has_port()) {
        const auto port = parsed->port_number();
        if (port == 0) throw std::invalid_argument("REDIS_URL has an invalid port");
        out.port = port;
    }
    if (parsed->has_userinfo()) {
        out.user = parsed->user();
        out.password = parsed->password();
    }
    return out;
}

RedisClient::RedisClient(const RedisAddress& address, std::chrono::milliseconds timeout, std::string_view name)
    : c_(redisConnectWithTimeout(address.host.c_str(), address.port, to_timeval(timeout))) {
    if (c_ == nullptr) throw std::runtime_error("cannot allocate a Redis connection");
    try {
        if (c_->err) throw std::runtime_error(std::string("cannot connect to Redis: ") + c_->errstr);
        redisEnableKeepAlive(c_);
        if (!address.user.empty()) {
            command("AUTH", {"AUTH", address.user, address.password});
        } else if (!address.password.empty()) {
            command("AUTH", {"AUTH", address.password});
        }
        command("CLIENT SETNAME", {"CLIENT", "SETNAME", name});
    } catch (...) {
        redisFree(c_);
        throw;
    }
}

RedisClient::~RedisClient() { redisFree(c_); }

void RedisClient::command(const char* what, std::initializer_list<std::string_view> args) {
    std::vector<const char*> argv;
    std::vector<std::size_t> lengths;
    for (const auto& arg : args) {
        argv.push_back(arg.data());
        lengths.push_back(arg.size());
    }
    Reply reply(
        static_cast<redisReply*>(redisCommandArgv(c_, static_cast<int>(argv.size()), argv.data(), lengths.data())));
    if (!reply) throw std::runtime_error(std::string("Redis connection lost: ") + c_->errstr);
    if (reply->type == REDIS_REPLY_ERROR) {
        throw std::runtime_error(std::string("Redis refused ") + what + ": " + std::string(text_of(reply.get())));
    }
}

void RedisClient::publish(std::string_view channel, std::string_view payload) {
    command("PUBLISH", {"PUBLISH", channel, payload});
}

void RedisClient::subscribe(std::string_view channel) {
    command("SUBSCRIBE", {"SUBSCRIBE", channel});
    if (redisSetTimeout(c_, timeval{0, 0}) != REDIS_OK) throw std::runtime_error("cannot lift the Redis timeout");
}

std::string RedisClient::next_message() {
    for (;;) {
        void* raw = nullptr;
        if (redisGetReply(c_, &raw) != REDIS_OK) {
            throw std::runtime_error(std::string("Redis connection lost: ") + c_->errstr);
        }
        Reply reply(static_cast<redisReply*>(raw));
        // ["message", channel, payload]; anything else (a subscribe confirmation) is not an event.
        if (reply->type == REDIS_REPLY_ARRAY && reply->elements == 3 && reply->element[0]->type == REDIS_REPLY_STRING &&
            text_of(reply->element[0]) == "message" && reply->element[2]->type == REDIS_REPLY_STRING) {
            return std::string(text_of(reply->element[2]));
        }
    }
}

void RedisClient::interrupt() { ::shutdown(c_->fd, SHUT_RDWR); }

}  // namespace superapp::platform::realtime
