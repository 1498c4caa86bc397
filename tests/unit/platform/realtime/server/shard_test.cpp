#include "platform/realtime/server/shard.hpp"

#include <gtest/gtest.h>

namespace superapp::platform::realtime {
namespace {

TEST(SessionIds, NameTheShardTheSessionLivesOn) {
    for (int shard : {0, 1, 7, 255}) {
        const std::string sid = make_sid(shard);
        EXPECT_EQ(sid.size(), 22u);
        EXPECT_EQ(shard_of_sid(sid), shard) << sid;
    }
    EXPECT_NE(make_sid(0), make_sid(0));
}

TEST(SessionIds, OthersNameNoShard) {
    EXPECT_EQ(shard_of_sid(""), -1);
    EXPECT_EQ(shard_of_sid("unknown"), -1);
    EXPECT_EQ(shard_of_sid("zz" + std::string(20, 'a')), -1);
    EXPECT_EQ(shard_of_sid("-1" + std::string(20, 'a')), -1);
}

}  // namespace
}  // namespace superapp::platform::realtime
