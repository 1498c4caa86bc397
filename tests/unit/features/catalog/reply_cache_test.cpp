#include "features/catalog/reply_cache.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace superapp::features::catalog {
namespace {

std::shared_ptr<const CachedReply> reply(std::string body) {
    return std::make_shared<CachedReply>(CachedReply{std::move(body), "W/\"1\""});
}

TEST(ReplyCache, KeepsAReplyUntilAWriteDropsIt) {
    ReplyCache cache(std::chrono::seconds(60), 8);
    EXPECT_EQ(cache.find("all").value, nullptr);
    cache.keep("all", reply("[1]"), cache.generation());
    ASSERT_NE(cache.find("all").value, nullptr);
    EXPECT_EQ(cache.find("all").value->body, "[1]");
    EXPECT_EQ(cache.find("flat").value, nullptr);
    cache.invalidate();
    EXPECT_EQ(cache.find("all").value, nullptr);
}

TEST(ReplyCache, AReplyReadBeforeAWriteIsNotKept) {
    ReplyCache cache(std::chrono::seconds(60), 8);
    const std::uint64_t before = cache.generation();
    cache.invalidate();  // a write commits while the reply was being read
    cache.keep("all", reply("[stale]"), before);
    EXPECT_EQ(cache.find("all").value, nullptr);
}

TEST(ReplyCache, PastTheTtlOneCallerRefreshesWhileTheOthersGetTheStaleReply) {
    ReplyCache cache(std::chrono::milliseconds(50), 8);
    cache.keep("all", reply("[1]"), cache.generation());
    EXPECT_FALSE(cache.find("all").refresh);
    std::this_thread::sleep_for(std::chrono::milliseconds(60));
    const auto first = cache.find("all");
    EXPECT_TRUE(first.refresh);
    EXPECT_EQ(first.value->body, "[1]");
    const auto second = cache.find("all");
    EXPECT_FALSE(second.refresh);
    EXPECT_EQ(second.value->body, "[1]");
    cache.keep("all", reply("[2]"), cache.generation());
    EXPECT_EQ(cache.find("all").value->body, "[2]");
    EXPECT_FALSE(cache.find("all").refresh);
}

TEST(ReplyCache, AReplyNobodyRefreshedIsGoneAfterTwiceTheTtl) {
    ReplyCache cache(std::chrono::milliseconds(20), 8);
    cache.keep("all", reply("[1]"), cache.generation());
    std::this_thread::sleep_for(std::chrono::milliseconds(45));
    EXPECT_EQ(cache.find("all").value, nullptr);
}

TEST(ReplyCache, HoldsAtMostItsLimitOfReplies) {
    ReplyCache cache(std::chrono::seconds(60), 8);
    for (std::size_t i = 0; i <= 8; ++i) {
        cache.keep("shape" + std::to_string(i), reply("x"), cache.generation());
    }
    std::size_t kept = 0;
    for (std::size_t i = 0; i <= 8; ++i) kept += cache.find("shape" + std::to_string(i)).value != nullptr;
    EXPECT_LE(kept, 8u);
    EXPECT_NE(cache.find("shape" + std::to_string(8)).value, nullptr);
}

}  // namespace
}  // namespace superapp::features::catalog
