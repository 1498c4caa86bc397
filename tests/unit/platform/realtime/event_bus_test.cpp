#include "platform/realtime/event_bus.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace superapp::platform::realtime {
namespace {

TEST(EventBus, HandsEachEventToEverySubscriberInOrder) {
    EventBus bus;
    std::vector<std::string> seen;
    bus.subscribe([&](const Event& e) { seen.push_back("a:" + e.name + ":" + e.rooms.at(0)); });
    bus.subscribe([&](const Event& e) { seen.push_back("b:" + e.name); });
    bus.publish({{"user:1"}, "wallet_update", boost::json::object{{"balance", 100}}});
    EXPECT_EQ(seen, (std::vector<std::string>{"a:wallet_update:user:1", "b:wallet_update"}));
}

TEST(EventBus, AFailingSubscriberDoesNotStopTheOthers) {
    EventBus bus;
    int delivered = 0;
    bus.subscribe([](const Event&) { throw std::runtime_error("redis down"); });
    bus.subscribe([&](const Event&) { ++delivered; });
    EXPECT_NO_THROW(bus.publish({{kEveryone}, "new_project", nullptr}));
    EXPECT_EQ(delivered, 1);
}

TEST(EventBus, PublishDeliversHereThenHandsTheEventToTheRelay) {
    EventBus bus;
    std::vector<std::string> seen;
    bus.subscribe([&](const Event& e) { seen.push_back("local:" + e.name); });
    bus.relay_to([&](std::span<const Event> events) {
        for (const auto& e : events) seen.push_back("relay:" + e.name);
    });
    bus.publish({{"user:1"}, "wallet_update", nullptr});
    EXPECT_EQ(seen, (std::vector<std::string>{"local:wallet_update", "relay:wallet_update"}));
}

TEST(EventBus, AnEventFromAnotherProcessIsDeliveredHereAndNotRelayedAgain) {
    EventBus bus;
    std::vector<std::string> seen;
    bus.subscribe([&](const Event& e) { seen.push_back("local:" + e.name); });
    bus.relay_to([&](std::span<const Event> events) {
        for (const auto& e : events) seen.push_back("relay:" + e.name);
    });
    bus.deliver({{kEveryone}, "new_project", nullptr});
    EXPECT_EQ(seen, (std::vector<std::string>{"local:new_project"}));
}

TEST(EventBus, PublishAllDeliversEachHereThenRelaysThemInOneCall) {
    EventBus bus;
    std::vector<std::string> seen;
    bus.subscribe([&](const Event& e) { seen.push_back("local:" + e.rooms.at(0)); });
    bus.relay_to([&](std::span<const Event> events) {
        std::string relayed = "relay:";
        for (const auto& e : events) relayed += e.rooms.at(0) + ";";
        seen.push_back(relayed);
    });
    bus.publish_all({{{"user:1"}, "new_notification", nullptr}, {{"user:2"}, "new_notification", nullptr}});
    bus.publish_all({});
    EXPECT_EQ(seen, (std::vector<std::string>{"local:user:1", "local:user:2", "relay:user:1;user:2;"}))
        << "one relay call for the batch, none for an empty one";
}

}  // namespace
}  // namespace superapp::platform::realtime
