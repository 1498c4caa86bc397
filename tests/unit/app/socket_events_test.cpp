#include "app/socket_events.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <vector>

namespace superapp::app {
namespace {

namespace json = boost::json;
using platform::realtime::Ack;
using platform::realtime::AckHandler;
using platform::realtime::SocketContext;

// A socket that keeps its rooms in a list and records what is emitted to it.
class FakeSocket final : public SocketContext {
  public:
    const std::string& nsp() const override { return nsp_; }
    const std::string& user_id() const override { return user_; }
    void join(const std::string& room) override {
        if (std::find(rooms_.begin(), rooms_.end(), room) == rooms_.end()) rooms_.push_back(room);
    }
    void leave(const std::string& room) override { std::erase(rooms_, room); }
    std::span<const std::string> rooms() const override { return rooms_; }
    void emit(std::string_view event, json::array args) override {
        emitted.push_back(std::string(event) + json::serialize(args));
    }
    void emit_with_ack(std::string_view event, json::array args, std::chrono::milliseconds,
                       AckHandler handler) override {
        emitted.push_back(std::string(event) + json::serialize(args) + " (ack)");
        waiting = std::move(handler);
    }

    std::vector<std::string> emitted;
    AckHandler waiting;

  private:
    std::string nsp_ = "/";
    std::string user_ = "65a1f0c2e4b0a1b2c3d4e5f6";
    std::vector<std::string> rooms_{"*", "user:65a1f0c2e4b0a1b2c3d4e5f6"};
};

std::string video(int n) {
    std::string hex = std::to_string(n);
    return std::string(24 - hex.size(), '0') + hex;
}

json::value subscribe(AppSocketEvents& events, FakeSocket& socket, const std::string& id, bool on = true) {
    json::array args{json::object{{"video", id}}};
    auto reply = events.on_event(socket, on ? "subscribe" : "unsubscribe", args);
    EXPECT_TRUE(reply && reply->size() == 1);
    return reply ? reply->front() : json::value();
}

TEST(AppSocketEvents, ASocketFollowsAtMostFiftyVideos) {
    AppSocketEvents events;
    FakeSocket socket;
    for (int i = 0; i < 50; ++i) ASSERT_EQ(subscribe(events, socket, video(i)), (json::object{{"ok", true}})) << i;
    const json::value refused = subscribe(events, socket, video(50));
    EXPECT_EQ(refused.at("ok"), false);
    EXPECT_EQ(refused.at("error").at("field"), "video");
    EXPECT_EQ(refused.at("error").at("message"),
              "a connection follows at most 50 videos at once; unsubscribe from one first");
    EXPECT_EQ(socket.rooms().size(), 52u) << "the refused one was not joined";
    EXPECT_EQ(subscribe(events, socket, video(7)), (json::object{{"ok", true}}))
        << "one it follows already is fine at the limit";
    EXPECT_EQ(subscribe(events, socket, video(7), false), (json::object{{"ok", true}}));
    EXPECT_EQ(subscribe(events, socket, video(50)), (json::object{{"ok", true}})) << "room again after leaving one";
    EXPECT_EQ(socket.rooms().size(), 52u);
}

TEST(ConformanceSocketEvents, RequestAckEmitsWithAnAckThenReportsWhatCameBack) {
    ConformanceSocketEvents events;
    FakeSocket socket;
    json::array args{1, "two"};
    EXPECT_FALSE(events.on_event(socket, "request-ack", args));
    ASSERT_EQ(socket.emitted, (std::vector<std::string>{R"(ack-request[1,"two"] (ack))"}));
    socket.waiting(&socket, Ack{.outcome = Ack::Outcome::acknowledged, .args = {"yes", 3}});
    socket.waiting(&socket, Ack{.outcome = Ack::Outcome::timed_out, .args = {}});
    socket.waiting(nullptr, Ack{.outcome = Ack::Outcome::disconnected, .args = {}});
    EXPECT_EQ(socket.emitted,
              (std::vector<std::string>{R"(ack-request[1,"two"] (ack))", R"(ack-response["yes",3])", "ack-timeout[]"}));
}

}  // namespace
}  // namespace superapp::app
