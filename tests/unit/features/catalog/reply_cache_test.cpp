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
    EXPECT_EQ(cache.find("all"), nullptr);
    cache.keep("all", reply("[1]"), cache.generation());
    ASSERT_NE(cache.find("all"), nullptr);
    EXPECT_EQ(cache.find("all")->body, "[1]");
    EXPECT_EQ(cache.find("flat"), nullptr);
    cache.invalidate();
    EXPECT_EQ(cache.find("all"), nullptr);
}

TEST(ReplyCache, AReplyReadBeforeAWriteIsNotKept) {
    ReplyCache cache(std::chrono::seconds(60), 8);
    const std::uint64_t before = cache.generation();
    cache.invalidate();  // a write commits while the reply was being read
    cache.keep("all", reply("[stale]"), before);
    EXPECT_EQ(cache.find("all"), nullptr);
}

TEST(ReplyCache, RepliesExpireAfterTheTtl) {
    ReplyCache cache(std::chrono::milliseconds(20), 8);
    cache.keep("all", reply("[1]"), cache.generation());
    EXPECT_NE(cache.find("all"), nullptr);
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    EXPECT_EQ(cache.find("all"), nullptr);
}

TEST(ReplyCache, HoldsAtMostItsLimitOfReplies) {
    ReplyCache cache(std::chrono::seconds(60), 8);
    for (std::size_t i = 0; i <= 8; ++i) {
        cache.keep("shape" + std::to_string(i), reply("x"), cache.generation());
    }
    std::size_t kept = 0;
    for (std::size_t i = 0; i <= 8; ++i) kept += cache.find("shape" + std::to_string(i)) != nullptr;
    EXPECT_LE(kept, 8u);
    EXPECT_NE(cache.find("shape" + std::to_string(8)), nullptr);
}

}  // namespace
}  // namespace superapp::features::catalog
