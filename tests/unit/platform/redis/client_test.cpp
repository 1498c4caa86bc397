#include "platform/redis/client.hpp"

#include <gtest/gtest.h>
#include <hiredis/hiredis.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "redis_test_support.hpp"

namespace superapp::platform::redis {
namespace {

namespace asio = boost::asio;
using test_support::await;
using namespace std::chrono_literals;

std::string unique_key(std::string_view what) {
    static std::atomic<int> counter{0};
    return "superapp:test:" + std::to_string(::getpid()) + ":" + std::string(what) + ":" + std::to_string(counter++);
}

int free_port() {
    asio::io_context ctx;
    asio::ip::tcp::acceptor acceptor(ctx, {asio::ip::make_address("127.0.0.1"), 0});
    return acceptor.local_endpoint().port();
}

RedisAddress local(int port) { return RedisAddress{"127.0.0.1", port, "", ""}; }

/// A throwaway redis-server on 127.0.0.1:port that keeps nothing on disk.
class OwnRedis {
  public:
    OwnRedis() : port_(free_port()), dir_(std::filesystem::temp_directory_path() / unique_key("redis")) {
        std::filesystem::create_directories(dir_);
        start();
    }
    ~OwnRedis() {
        stop();
        std::filesystem::remove_all(dir_);
    }
    int port() const { return port_; }

    void start() {
        const std::string cmd = "redis-server --port " + std::to_string(port_) +
                                " --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --dir " + dir_.string() +
                                " --logfile " + (dir_ / "redis.log").string() + " >/dev/null";
        ASSERT_EQ(std::system(cmd.c_str()), 0);
        for (int i = 0; i < 100 && !answers(); ++i) std::this_thread::sleep_for(50ms);
        ASSERT_TRUE(answers());
    }
    void stop() {
        if (redisContext* c = redisConnect("127.0.0.1", port_); c != nullptr) {
            if (!c->err) freeReplyObject(redisCommand(c, "SHUTDOWN NOSAVE"));
            redisFree(c);
        }
        for (int i = 0; i < 100 && answers(); ++i) std::this_thread::sleep_for(50ms);
    }

  private:
    bool answers() const {
        redisContext* c = redisConnect("127.0.0.1", port_);
        const bool up = c != nullptr && !c->err;
        if (c != nullptr) redisFree(c);
        return up;
    }
    int port_;
    std::filesystem::path dir_;
};

/// Calls get until it stops throwing (the client retries at most every kRetryDelay).
std::optional<std::string> get_eventually(Client& client, const std::string& key) {
    for (int i = 0; i < 40; ++i) {
        try {
            return await(client.get(key));
        } catch (const Unavailable&) {
            std::this_thread::sleep_for(100ms);
        }
    }
    throw std::runtime_error("Redis never came back");
}

TEST(RedisClient, SetsGetsAndDeletes) {
    REQUIRE_REDIS(url);
    Client client(parse_redis_url(url), 1s, "superapp-test");
    const std::string a = unique_key("a"), b = unique_key("b");
    EXPECT_EQ(await(client.get(a)), std::nullopt);
    await(client.set(a, std::string("one\0two", 7), 10s));
    await(client.set(b, "", 10s));
    EXPECT_EQ(await(client.get(a)), std::string("one\0two", 7));
    EXPECT_EQ(await(client.mget({a, unique_key("none"), b})),
              (std::vector<std::optional<std::string>>{std::string("one\0two", 7), std::nullopt, ""}));
    await(client.del({a, b}));
    EXPECT_EQ(await(client.get(a)), std::nullopt);
    EXPECT_EQ(await(client.get(b)), std::nullopt);
}

TEST(RedisClient, SetExpiresAfterItsTtl) {
    REQUIRE_REDIS(url);
    Client client(parse_redis_url(url), 1s, "superapp-test");
    const std::string key = unique_key("ttl");
    await(client.set(key, "v", 100ms));
    EXPECT_EQ(await(client.get(key)), "v");
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(await(client.get(key)), std::nullopt);
}

TEST(RedisClient, ErrorRepliesThrowAndTheConnectionCarriesOn) {
    REQUIRE_REDIS(url);
    Client client(parse_redis_url(url), 1s, "superapp-test");
    const std::string key = unique_key("err");
    await(client.set(key, "text", 10s));
    EXPECT_THROW(await(client.command({"INCR", key})), Unavailable);
    EXPECT_EQ(await(client.get(key)), "text");
}

TEST(RedisClient, SendIsAnsweredBeforeLaterCalls) {
    REQUIRE_REDIS(url);
    Client client(parse_redis_url(url), 1s, "superapp-test");
    const std::string key = unique_key("send");
    for (int i = 0; i < 20; ++i) client.send({"SET", key, std::to_string(i)});
    EXPECT_EQ(await(client.get(key)), "19");
}

TEST(RedisClient, ManyCallsFromManyThreadsAllGetTheirOwnAnswer) {
    REQUIRE_REDIS(url);
    Client client(parse_redis_url(url), 2s, "superapp-test");
    const std::string prefix = unique_key("many");
    std::vector<std::thread> threads;
    std::atomic<int> right{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 50; ++i) {
                const std::string key = prefix + ":" + std::to_string(t) + ":" + std::to_string(i);
                await(client.set(key, key, 10s));
                if (await(client.get(key)) == key) ++right;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(right.load(), 200);
}

TEST(RedisClient, UnreachableRedisFailsFast) {
    Client client(local(free_port()), 1s, "superapp-test");
    const auto started = std::chrono::steady_clock::now();
    EXPECT_THROW(await(client.get("k")), Unavailable);
    EXPECT_THROW(await(client.get("k")), Unavailable);  // within kRetryDelay: no new attempt
    EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
}

TEST(RedisClient, ARedisThatDoesNotAnswerTimesOut) {
    // A socket that accepts connections (the kernel's backlog) and never answers.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ASSERT_EQ(::listen(fd, 8), 0);
    socklen_t len = sizeof addr;
    ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
    {
        Client client(local(ntohs(addr.sin_port)), 200ms, "superapp-test");
        const auto started = std::chrono::steady_clock::now();
        EXPECT_THROW(await(client.get("k")), Unavailable);
        const auto took = std::chrono::steady_clock::now() - started;
        EXPECT_GE(took, 150ms);
        EXPECT_LT(took, 1s);
    }
    ::close(fd);
}

TEST(RedisClient, CarriesOnAcrossARedisRestart) {
    REQUIRE_REDIS(url);  // the test script's Redis also means redis-server is installed
    OwnRedis server;
    Client client(local(server.port()), 1s, "superapp-test");
    await(client.set("k", "before", 10s));
    EXPECT_EQ(await(client.get("k")), "before");

    server.stop();
    EXPECT_THROW(await(client.get("k")), Unavailable);
    EXPECT_THROW(await(client.get("k")), Unavailable);

    server.start();
    EXPECT_EQ(get_eventually(client, "k"), std::nullopt);  // the restarted server kept nothing
    await(client.set("k", "after", 10s));
    EXPECT_EQ(await(client.get("k")), "after");
}

TEST(RedisClient, ReconnectsAfterTheServerClosesItsConnection) {
    REQUIRE_REDIS(url);
    OwnRedis server;
    Client client(local(server.port()), 1s, "superapp-test");
    await(client.set("k", "v", 10s));
    redisContext* c = redisConnect("127.0.0.1", server.port());
    ASSERT_TRUE(c != nullptr && !c->err);
    freeReplyObject(redisCommand(c, "CLIENT KILL TYPE normal SKIPME yes"));
    redisFree(c);
    EXPECT_EQ(get_eventually(client, "k"), "v");
}

}  // namespace
}  // namespace superapp::platform::redis
