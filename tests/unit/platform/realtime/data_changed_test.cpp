#include "platform/realtime/data_changed.hpp"

#include <gtest/gtest.h>

#include "platform/realtime/relay_message.hpp"

namespace superapp::platform::realtime {
namespace {

TEST(DataChanged, IsForNoRoomAndNamesItsScope) {
    const Event e = data_changed("catalog");
    EXPECT_TRUE(e.rooms.empty());
    EXPECT_EQ(e.name, "data_changed");
    EXPECT_EQ(changed_scope(e), "catalog");
}

TEST(DataChanged, OtherEventsHaveNoScope) {
    EXPECT_FALSE(changed_scope(Event{{kEveryone}, "new_project", boost::json::object{{"scope", "x"}}}));
    EXPECT_FALSE(changed_scope(Event{{}, "data_changed", boost::json::object{}}));
    EXPECT_FALSE(changed_scope(Event{{}, "data_changed", boost::json::object{{"scope", 1}}}));
}

TEST(DataChanged, CrossesTheRelayToOtherProcessesWithNoRoom) {
    const auto got = decode(encode(RelayMessage{new_origin(), {data_changed("banners")}}));
    ASSERT_TRUE(got.has_value());
    ASSERT_EQ(got->events.size(), 1u);
    EXPECT_TRUE(got->events[0].rooms.empty());
    EXPECT_EQ(changed_scope(got->events[0]), "banners");
}

}  // namespace
}  // namespace superapp::platform::realtime
