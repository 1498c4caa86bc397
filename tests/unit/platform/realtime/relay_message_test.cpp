#include "platform/realtime/relay_message.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "platform/realtime/relay.hpp"

namespace superapp::platform::realtime {
namespace {

TEST(RelayMessage, RoundTripsOriginRoomsNameAndData) {
    const RelayMessage sent{"0123456789abcdef01234567",
                            Event{{"user:42", "video:7"},
                                  "video_engagement",
                                  boost::json::parse(R"({"likes":3,"title":"caf\u00e9 \"x\""})")}};
    const auto got = decode(encode(sent));
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->origin, sent.origin);
    EXPECT_EQ(got->event.rooms, sent.event.rooms);
    EXPECT_EQ(got->event.name, sent.event.name);
    EXPECT_EQ(got->event.data, sent.event.data);
}

TEST(RelayMessage, RejectsWhatIsNotAnEvent) {
    EXPECT_FALSE(decode("not json"));
    EXPECT_FALSE(decode("[]"));
    EXPECT_FALSE(decode(R"({"rooms":[],"name":"x","data":1})"));                     // no origin
    EXPECT_FALSE(decode(R"({"origin":"a","rooms":"user:1","name":"x","data":1})"));  // rooms not a list
    EXPECT_FALSE(decode(R"({"origin":"a","rooms":[1],"name":"x","data":1})"));       // a room not a string
    EXPECT_FALSE(decode(R"({"origin":"a","rooms":[],"name":"x"})"));                 // no data
}

TEST(RelayMessage, OriginsDiffer) { EXPECT_NE(new_origin(), new_origin()); }

TEST(RelayReceive, DeliversOtherOriginsAndSkipsItsOwn) {
    EventBus bus;
    RelayCounters counters;
    int delivered = 0;
    bus.subscribe([&](const Event&) { ++delivered; });
    bus.relay_to([](const Event&) { FAIL() << "a received event must not be relayed again"; });
    receive(encode({"mine", Event{{kEveryone}, "new_project", nullptr}}), "mine", bus, counters);
    EXPECT_EQ(delivered, 0);
    receive(encode({"theirs", Event{{kEveryone}, "new_project", nullptr}}), "mine", bus, counters);
    EXPECT_EQ(delivered, 1);
    receive("garbage", "mine", bus, counters);
    EXPECT_EQ(delivered, 1);
    EXPECT_EQ(counters.received.load(), 1);
}

}  // namespace
}  // namespace superapp::platform::realtime
