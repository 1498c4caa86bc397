#include "platform/realtime/rooms.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace superapp::platform::realtime {
namespace {

using Rooms = RoomIndex<int>;

std::vector<int> sorted(std::vector<int> v) {
    std::sort(v.begin(), v.end());
    return v;
}

TEST(RoomIndex, MembersOfSeveralRoomsComeOnceEach) {
    Rooms rooms;
    rooms.join("*", 1);
    rooms.join("*", 2);
    rooms.join("user:a", 1);
    rooms.join("video:v", 1);
    rooms.join("video:v", 3);
    const std::vector<std::string> wanted{"user:a", "video:v", "*"};
    EXPECT_EQ(sorted(rooms.members_of(wanted)), (std::vector<int>{1, 2, 3}));
    const std::vector<std::string> one{"video:v"};
    EXPECT_EQ(sorted(rooms.members_of(one)), (std::vector<int>{1, 3}));
    const std::vector<std::string> none{"user:nobody"};
    EXPECT_TRUE(rooms.members_of(none).empty());
}

TEST(RoomIndex, AnEventForNoRoomReachesNoMember) {
    Rooms rooms;
    rooms.join("*", 1);
    rooms.join("user:a", 2);
    EXPECT_TRUE(rooms.members_of(std::vector<std::string>{}).empty());
}

TEST(RoomIndex, JoiningTwiceChangesNothing) {
    Rooms rooms;
    rooms.join("video:v", 1);
    rooms.join("video:v", 1);
    rooms.leave("video:v", 1);
    EXPECT_FALSE(rooms.contains("video:v", 1));
    EXPECT_EQ(rooms.room_count(), 0u);
}

TEST(RoomIndex, LeavingForgetsEmptyRoomsAndKeepsOthers) {
    Rooms rooms;
    rooms.join("video:v", 1);
    rooms.join("video:v", 2);
    rooms.leave("video:v", 1);
    EXPECT_FALSE(rooms.contains("video:v", 1));
    EXPECT_TRUE(rooms.contains("video:v", 2));
    rooms.leave("video:w", 2);  // not in it: nothing happens
    EXPECT_EQ(rooms.room_count(), 1u);
}

TEST(RoomIndex, JoinSaysWhetherTheMemberWasNewAndRoomsOfListsItsRooms) {
    Rooms rooms;
    EXPECT_TRUE(rooms.join("*", 1));
    EXPECT_TRUE(rooms.join("video:v", 1));
    EXPECT_FALSE(rooms.join("video:v", 1));
    EXPECT_TRUE(rooms.join("video:w", 1));
    auto mine = rooms.rooms_of(1);
    std::vector<std::string> names(mine.begin(), mine.end());
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"*", "video:v", "video:w"}));
    rooms.leave("video:v", 1);
    EXPECT_EQ(rooms.rooms_of(1).size(), 2u);
    EXPECT_TRUE(rooms.rooms_of(2).empty());
}

TEST(RoomIndex, AMemberInManyRoomsJoinsAndLeavesThemAll) {
    Rooms rooms;
    constexpr int kRooms = 5'000;
    for (int i = 0; i < kRooms; ++i) ASSERT_TRUE(rooms.join("video:" + std::to_string(i), 1));
    for (int i = 0; i < kRooms; ++i) ASSERT_FALSE(rooms.join("video:" + std::to_string(i), 1));
    EXPECT_EQ(rooms.rooms_of(1).size(), static_cast<std::size_t>(kRooms));
    for (int i = 0; i < kRooms; i += 2) rooms.leave("video:" + std::to_string(i), 1);
    EXPECT_EQ(rooms.room_count(), static_cast<std::size_t>(kRooms / 2));
    EXPECT_TRUE(rooms.contains("video:1", 1));
    EXPECT_FALSE(rooms.contains("video:0", 1));
    rooms.leave_all(1);
    EXPECT_EQ(rooms.room_count(), 0u);
}

TEST(RoomIndex, LeaveAllTakesAMemberOutOfEveryRoom) {
    Rooms rooms;
    rooms.join("*", 1);
    rooms.join("user:a", 1);
    rooms.join("*", 2);
    rooms.leave_all(1);
    EXPECT_FALSE(rooms.contains("*", 1));
    EXPECT_FALSE(rooms.contains("user:a", 1));
    EXPECT_TRUE(rooms.contains("*", 2));
    EXPECT_EQ(rooms.room_count(), 1u);
    rooms.leave_all(7);  // in no room: nothing happens
}

}  // namespace
}  // namespace superapp::platform::realtime
