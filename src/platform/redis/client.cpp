#include "platform/redis/client.hpp"

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <memory>

#include "platform/core/log.hpp"
#include "platform/redis/asio_adapter.hpp"

namespace superapp::platform::redis {

namespace asio = boost::asio;
namespace log = platform::core::log;

namespace {

Reply copy_reply(const redisReply* r) {
    Reply out;
    out.type = r->type;
    out.integer = r->integer;
    if (r->str != nullptr) out.text.assign(r->str, r->len);
    for (std::size_t i = 0; i < r->elements; ++i) out.elements.push_back(copy_reply(r->element[i]));
    return out;
}

/// A call waiting for its reply: the reply callback fills it in and cancels the timer.
struct Pending {
    explicit Pending(asio::any_io_executor ex) : timer(std::move(ex)) {}
    asio::steady_timer timer;
    bool answered = false;
    std::optional<Reply> reply;  ///< none: the connection went away first
};

void on_reply(redisAsyncContext*, void* reply, void* privdata) {
    const std::unique_ptr<std::shared_ptr<Pending>> holder(static_cast<std::shared_ptr<Pending>*>(privdata));
    Pending& p = **holder;
    p.answered = true;
    if (reply != nullptr) p.reply = copy_reply(static_cast<redisReply*>(reply));
    p.timer.cancel();
}

void on_auth_reply(redisAsyncContext*, void* reply, void*) {
    const auto* r = static_cast<const redisReply*>(reply);
    if (r != nullptr && r->type == REDIS_REPLY_ERROR) {
        log::error("Redis refused the credentials in REDIS_URL", {{"error", std::string(r->str, r->len)}});
    }
}

std::optional<std::string> string_of(const Reply& r) {
    if (r.type == REDIS_REPLY_STRING) return r.text;
    return std::nullopt;
}

asio::awaitable<std::optional<std::string>> string_reply(asio::awaitable<Reply> call) {
    const Reply r = co_await std::move(call);
    co_return string_of(r);
}

asio::awaitable<std::vector<std::optional<std::string>>> strings_reply(asio::awaitable<Reply> call) {
    const Reply r = co_await std::move(call);
    std::vector<std::optional<std::string>> out;
    for (const Reply& e : r.elements) out.push_back(string_of(e));
    co_return out;
}

asio::awaitable<void> no_reply(asio::awaitable<Reply> call) { co_await std::move(call); }

}  // namespace

Client::Client(RedisAddress address, std::chrono::milliseconds timeout, std::string name)
    : address_(std::move(address)),
      timeout_(timeout),
      name_(std::move(name)),
      work_(io_.get_executor()),
      thread_([this] { io_.run(); }) {}

Client::~Client() {
    asio::post(io_, [this] {
        if (ac_ != nullptr) redisAsyncFree(ac_);
        work_.reset();
    });
    thread_.join();
}

// The public calls build their arguments outside a coroutine (GCC 12 miscompiles braced lists of
// string literals in coroutine frames) and hand the reply to one of these.

asio::awaitable<std::optional<std::string>> Client::get(std::string key) {
    return string_reply(command({"GET", std::move(key)}));
}

asio::awaitable<std::vector<std::optional<std::string>>> Client::mget(std::vector<std::string> keys) {
    keys.insert(keys.begin(), "MGET");
    return strings_reply(command(std::move(keys)));
}

asio::awaitable<void> Client::set(std::string key, std::string value, std::chrono::milliseconds ttl) {
    return no_reply(command({"SET", std::move(key), std::move(value), "PX", std::to_string(ttl.count())}));
}

asio::awaitable<void> Client::del(std::vector<std::string> keys) {
    keys.insert(keys.begin(), "DEL");
    return no_reply(command(std::move(keys)));
}

asio::awaitable<Reply> Client::command(std::vector<std::string> args) {
    // Runs on the client's thread; the answer comes back to the caller's executor.
    co_return co_await asio::co_spawn(io_, run(std::move(args)), asio::use_awaitable);
}

void Client::send(std::vector<std::string> args) {
    asio::post(io_, [this, args = std::move(args)] {
        try {
            submit(args, nullptr, nullptr);
        } catch (const Unavailable&) {
            // Reported by failed(); nothing waits for this command.
        }
    });
}

asio::awaitable<Reply> Client::run(std::vector<std::string> args) {
    auto pending = std::make_shared<Pending>(io_.get_executor());
    submit(args, &on_reply, new std::shared_ptr<Pending>(pending));
    if (!pending->answered) {
        pending->timer.expires_after(timeout_);
        boost::system::error_code ec;
        co_await pending->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    if (!pending->answered) {
        // A connection that stops answering is as good as lost: drop it (the callback runs with no
        // reply) and make a new one on a later call.
        failed("Redis did not answer in time");
        drop_connection();
        throw Unavailable("Redis did not answer in time");
    }
    if (!pending->reply) {
        failed("Redis connection lost");
        throw Unavailable("Redis connection lost");
    }
    answered();
    if (pending->reply->type == REDIS_REPLY_ERROR)
        throw Unavailable("Redis refused " + args[0] + ": " + pending->reply->text);
    co_return std::move(*pending->reply);
}

void Client::submit(const std::vector<std::string>& args, void (*callback)(redisAsyncContext*, void*, void*),
                    void* privdata) {
    // The callback owns `privdata`: free it when the command never reaches hiredis.
    try {
        if (ac_ == nullptr) connect();
        std::vector<const char*> argv;
        std::vector<std::size_t> lengths;
        for (const auto& arg : args) {
            argv.push_back(arg.data());
            lengths.push_back(arg.size());
        }
        if (redisAsyncCommandArgv(ac_, callback, privdata, static_cast<int>(argv.size()), argv.data(),
                                  lengths.data()) != REDIS_OK) {
            throw Unavailable("cannot send to Redis");
        }
    } catch (const Unavailable&) {
        if (callback != nullptr) callback(nullptr, nullptr, privdata);
        throw;
    }
}

void Client::connect() {
    if (std::chrono::steady_clock::now() < retry_at_) throw Unavailable("Redis is unavailable");
    // A host name is resolved here, blocking this client's own thread only.
    redisAsyncContext* ac = redisAsyncConnect(address_.host.c_str(), address_.port);
    if (ac == nullptr) throw Unavailable("cannot allocate a Redis connection");
    if (ac->err) {
        const std::string error = ac->errstr;
        redisAsyncFree(ac);
        failed(error);
        throw Unavailable(error);
    }
    ac->data = this;
    attach(ac, io_, [this, ac] {
        if (ac_ == ac) ac_ = nullptr;
    });
    redisAsyncSetConnectCallback(ac, [](const redisAsyncContext* c, int status) {
        if (status != REDIS_OK) static_cast<Client*>(c->data)->failed(c->errstr);
    });
    ac_ = ac;
    // Queued ahead of the caller's command; a refusal is logged here and fails the commands after it.
    if (!address_.user.empty()) {
        submit({"AUTH", address_.user, address_.password}, &on_auth_reply, nullptr);
    } else if (!address_.password.empty()) {
        submit({"AUTH", address_.password}, &on_auth_reply, nullptr);
    }
    submit({"CLIENT", "SETNAME", name_}, nullptr, nullptr);
}

void Client::drop_connection() {
    if (ac_ != nullptr) redisAsyncFree(ac_);  // cleanup sets ac_ to null
    ac_ = nullptr;
}

void Client::failed(const std::string& what) {
    retry_at_ = std::chrono::steady_clock::now() + kRetryDelay;
    if (down_) return;
    down_ = true;
    log::warn("Redis is unavailable; carrying on without it", {{"error", what}});
}

void Client::answered() {
    if (!down_) return;
    down_ = false;
    log::info("Redis is available again");
}

}  // namespace superapp::platform::redis
