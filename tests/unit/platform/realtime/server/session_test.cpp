#include "platform/realtime/server/session.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>

#include "platform/realtime/server/shard.hpp"
#include "platform/realtime/server/socket_io_protocol.hpp"

namespace superapp::platform::realtime {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

// Records what clients emit; acknowledges "echo" with its arguments.
class Recorder final : public ClientEvents {
  public:
    void on_connect(SocketContext& socket, const boost::json::value&) override { socket.join("video:v"); }
    std::optional<boost::json::array> on_event(SocketContext&, std::string_view event,
                                               boost::json::array& args) override {
        events.emplace_back(event);
        if (event == "echo") return args;
        return std::nullopt;
    }
    std::vector<std::string> events;
};

class PollingSession : public ::testing::Test {
  protected:
    PollingSession() : core{settings(), IpLimits(10, 10), nullptr, recorder, {"/"}}, shard(core, io, 0) {}

    // Pings only where a test asks for them (PingsAndClosesWhenNoPongComes): a ping queued while a slow
    // machine runs a test would land in the payloads the other tests read.
    static Settings settings() {
        Settings s;
        s.ping_interval = 10s;
        s.ping_timeout = 10s;
        s.connect_timeout = 10s;
        return s;
    }

    std::shared_ptr<Session> open() {
        EXPECT_EQ(core.limits.open("10.0.0.1", IpLimits::Clock::now()), IpLimits::Verdict::ok);
        auto s = std::make_shared<Session>(shard, make_sid(0), "10.0.0.1", Transport::polling);
        s->set_protocol(std::make_unique<SocketIoProtocol>());
        shard.sessions.emplace(s->sid(), s);
        s->start(false);
        return s;
    }

    // What a polling GET returns now (or after the session's next packets).
    std::string poll(Session& s) {
        std::string out;
        asio::co_spawn(io, s.poll(), [&](std::exception_ptr, std::string payload) { out = std::move(payload); });
        io.run_for(20ms);
        io.restart();
        return out;
    }

    void run(std::chrono::milliseconds d) {
        io.run_for(d);
        io.restart();
    }

    asio::io_context io;
    Recorder recorder;
    Core core;
    ShardState shard;
};

TEST_F(PollingSession, ConnectsANamespaceAndAnswersAnAckWithinOnePayload) {
    auto s = open();
    ASSERT_TRUE(s->receive_payload("40"));
    run(5ms);  // the CONNECT finishes on the shard
    const std::string connected = poll(*s);
    ASSERT_TRUE(connected.starts_with("40{\"sid\":\"")) << connected;
    ASSERT_TRUE(
        s->receive_payload("421[\"echo\",\"a\",2]\x1e"
                           "42[\"other\"]"));
    EXPECT_EQ(poll(*s), "431[\"a\",2]");
    EXPECT_EQ(recorder.events, (std::vector<std::string>{"echo", "other"}));
}

TEST_F(PollingSession, RoomsFollowTheSocketAndForgetItOnClose) {
    auto s = open();
    ASSERT_TRUE(s->receive_payload("40"));
    run(5ms);
    EXPECT_EQ(shard.rooms.members_of(std::vector<std::string>{"*"}).size(), 1u);
    EXPECT_EQ(shard.rooms.members_of(std::vector<std::string>{"video:v", "*"}).size(), 1u) << "once, in two rooms";
    s->close("test");
    EXPECT_EQ(shard.rooms.room_count(), 0u);
    EXPECT_EQ(shard.find(s->sid()), nullptr);
    EXPECT_EQ(poll(*s), "1") << "a closed session's poll gets the close packet";
}

TEST_F(PollingSession, APacketThatDoesNotParseClosesTheSession) {
    auto s = open();
    EXPECT_TRUE(s->receive_payload("4not socket.io"));
    EXPECT_TRUE(s->closed());
    auto t = open();
    EXPECT_FALSE(t->receive_payload("9"));
    EXPECT_TRUE(t->closed());
}

TEST_F(PollingSession, PingsAndClosesWhenNoPongComes) {
    core.settings.ping_interval = 50ms;
    core.settings.ping_timeout = 50ms;
    auto s = open();
    run(60ms);
    EXPECT_EQ(poll(*s), "2");
    ASSERT_TRUE(s->receive_payload("3"));
    run(60ms);
    EXPECT_FALSE(s->closed()) << "answered: pinged again, not closed";
    EXPECT_EQ(poll(*s), "2");
    run(80ms);
    EXPECT_TRUE(s->closed());
}

TEST_F(PollingSession, ASendQueueOverTheLimitClosesTheSession) {
    core.settings.send_queue_limit = 100;
    auto s = open();
    for (int i = 0; i < 20; ++i) s->send(engine_io::text_frame({engine_io::PacketType::message, "0123456789"}));
    run(5ms);
    EXPECT_TRUE(s->closed());
}

}  // namespace
}  // namespace superapp::platform::realtime
