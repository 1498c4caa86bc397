#include "platform/realtime/relay_message.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "platform/realtime/relay.hpp"

namespace superapp::platform::realtime {
namespace {

TEST(RelayMessage, RoundTripsOriginRoomsNameAndData) {
    const RelayMessage sent{"0123456789abcdef01234567",
                            {Event{{"user:42", "video:7"},
                                   "video_engagement",
                                   boost::json::parse(R"({"likes":3,"title":"caf\u00e9 \"x\""})")}}};
    const std::string text = encode(sent);
    EXPECT_EQ(text.find("\"events\""), std::string::npos) << "one event keeps the one-event form: " << text;
    const auto got = decode(text);
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->origin, sent.origin);
    ASSERT_EQ(got->events.size(), 1u);
    EXPECT_EQ(got->events[0].rooms, sent.events[0].rooms);
    EXPECT_EQ(got->events[0].name, sent.events[0].name);
    EXPECT_EQ(got->events[0].data, sent.events[0].data);
}

TEST(RelayMessage, CarriesSeveralEventsInOrder) {
    const RelayMessage sent{"0123456789abcdef01234567",
                            {Event{{"user:1"}, "new_notification", boost::json::object{{"n", 1}}},
                             Event{{"user:2"}, "new_notification", boost::json::object{{"n", 2}}},
                             Event{{kEveryone}, "new_project", nullptr}}};
    const auto got = decode(encode(sent));
    ASSERT_TRUE(got.has_value());
    ASSERT_EQ(got->events.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(got->events[i].rooms, sent.events[i].rooms) << i;
        EXPECT_EQ(got->events[i].name, sent.events[i].name) << i;
        EXPECT_EQ(got->events[i].data, sent.events[i].data) << i;
    }
    EXPECT_FALSE(decode(R"({"origin":"a","events":[]})"));
    EXPECT_FALSE(decode(R"({"origin":"a","events":[{"rooms":[],"name":"x","data":1},{"rooms":[]}]})"));
    EXPECT_FALSE(decode(R"({"origin":"a","events":{}})"));
}

TEST(RelayMessage, RejectsWhatIsNotAnEvent) {
    EXPECT_FALSE(decode("not json"));
    EXPECT_FALSE(decode("[]"));
    EXPECT_FALSE(decode(R"({"rooms":[],"name":"x","data":1})"));                     // no origin
    EXPECT_FALSE(decode(R"({"origin":"a","rooms":"user:1","name":"x","data":1})"));  // rooms not a list
    EXPECT_FALSE(decode(R"({"origin":"a","rooms":[1],"name":"x","data":1})"));       // a room not a string
    EXPECT_FALSE(decode(R"({"origin":"a","rooms":[],"name":"x"})"));                 // no data
}

TEST(RelayMessage, ABatchIsSplitIntoMessagesOfBoundedSizeInOrder) {
    std::vector<Event> events;
    for (int n = 0; n < 10; ++n) {
        events.push_back(Event{{"user:" + std::to_string(n)},
                               "new_notification",
                               boost::json::object{{"n", n}, {"pad", std::string(300, 'x')}}});
    }
    const auto messages = encode_messages("0123456789abcdef01234567", events, 1000);
    ASSERT_GT(messages.size(), 1u);
    std::vector<std::string> rooms;
    std::size_t counted = 0;
    for (const auto& message : messages) {
        EXPECT_LE(message.text.size(), 1000u);
        const auto got = decode(message.text);
        ASSERT_TRUE(got.has_value()) << message.text;
        EXPECT_EQ(got->origin, "0123456789abcdef01234567");
        EXPECT_EQ(got->events.size(), message.events);
        counted += message.events;
        for (const auto& e : got->events) rooms.push_back(e.rooms.at(0));
    }
    EXPECT_EQ(counted, 10u);
    EXPECT_EQ(rooms, (std::vector<std::string>{"user:0", "user:1", "user:2", "user:3", "user:4", "user:5", "user:6",
                                               "user:7", "user:8", "user:9"}));
    EXPECT_EQ(encode_messages("o", events).size(), 1u) << "under the default limit: one message";
    const auto one = encode_messages("o", std::span<const Event>(events.data(), 1), 10);
    ASSERT_EQ(one.size(), 1u) << "an event bigger than the limit goes alone";
    EXPECT_EQ(one[0].text, encode({"o", {events[0]}}));
}

TEST(RelayMessage, OriginsDiffer) { EXPECT_NE(new_origin(), new_origin()); }

TEST(RelayReceive, DeliversOtherOriginsAndSkipsItsOwn) {
    EventBus bus;
    RelayCounters counters;
    int delivered = 0;
    bus.subscribe([&](const Event&) { ++delivered; });
    bus.relay_to([](std::span<const Event>) { FAIL() << "a received event must not be relayed again"; });
    receive(encode({"mine", {Event{{kEveryone}, "new_project", nullptr}}}), "mine", bus, counters);
    EXPECT_EQ(delivered, 0);
    receive(encode({"theirs", {Event{{kEveryone}, "new_project", nullptr}}}), "mine", bus, counters);
    EXPECT_EQ(delivered, 1);
    receive("garbage", "mine", bus, counters);
    EXPECT_EQ(delivered, 1);
    EXPECT_EQ(counters.received.load(), 1);
    receive(encode({"theirs", {Event{{"user:1"}, "a", nullptr}, Event{{"user:2"}, "b", nullptr}}}), "mine", bus,
            counters);
    EXPECT_EQ(delivered, 3);
    EXPECT_EQ(counters.received.load(), 3) << "counts events, not messages";
}

}  // namespace
}  // namespace superapp::platform::realtime
