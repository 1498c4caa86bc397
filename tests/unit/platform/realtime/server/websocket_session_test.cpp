#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>

#include "../websocket/client_frame.hpp"
#include "platform/realtime/server/session.hpp"
#include "platform/realtime/server/shard.hpp"
#include "platform/realtime/server/socket_io_protocol.hpp"

namespace superapp::platform::realtime {
namespace {

namespace asio = boost::asio;
namespace eio = engine_io;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;
using namespace std::string_literals;

class NoEvents final : public ClientEvents {
  public:
    void on_connect(SocketContext&, const boost::json::value&) override {}
    std::optional<boost::json::array> on_event(SocketContext&, std::string_view, boost::json::array&) override {
        return std::nullopt;
    }
};

// A session over a WebSocket on a loopback connection, and the client's end of it.
class WebSocketSession : public ::testing::Test {
  protected:
    WebSocketSession() : core{Settings{}, IpLimits(10, 10), nullptr, events, {"/"}}, shard(core, io, 0), client(io) {
        core.settings.send_queue_limit = 100'000'000;
        core.settings.max_payload = 1000;
        tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
        client.connect(acceptor.local_endpoint());
        tcp::socket server = acceptor.accept();
        server.non_blocking(true);
        client.non_blocking(true);
        EXPECT_EQ(core.limits.open("127.0.0.1", IpLimits::Clock::now()), IpLimits::Verdict::ok);
        session = std::make_shared<Session>(shard, make_sid(0), "127.0.0.1", Transport::websocket);
        session->set_protocol(std::make_unique<SocketIoProtocol>());
        shard.sessions.emplace(session->sid(), session);
        session->start(false);
        ws = std::make_shared<WebSocket>(std::move(server), core.settings.max_payload);
        session->attach_websocket(ws);
        asio::co_spawn(io, read_websocket(session, ws), asio::detached);
    }

    ~WebSocketSession() override {
        session->close("test over");
        io.run_for(10ms);
    }

    // What the client reads until it has `size` bytes (or a second passes).
    std::string read(std::size_t size) {
        std::string got;
        std::array<char, 65536> buffer;
        const auto deadline = std::chrono::steady_clock::now() + 1s;
        while (got.size() < size && std::chrono::steady_clock::now() < deadline) {
            io.run_for(1ms);
            io.restart();
            boost::system::error_code ec;
            const std::size_t n = client.read_some(asio::buffer(buffer), ec);
            if (!ec) got.append(buffer.data(), n);
        }
        return got;
    }

    void write(const std::string& bytes) {
        client.non_blocking(false);
        asio::write(client, asio::buffer(bytes));
        client.non_blocking(true);
    }

    asio::io_context io;
    NoEvents events;
    Core core;
    ShardState shard;
    tcp::socket client;
    std::shared_ptr<Session> session;
    std::shared_ptr<WebSocket> ws;
};

TEST_F(WebSocketSession, WritesQueuedFramesWholeAndInOrderWhenTheSocketIsFull) {
    std::string expected;
    for (int i = 0; i < 64; ++i) {
        auto frame = eio::text_frame({eio::PacketType::message, std::string(100'000, static_cast<char>('a' + i % 26))});
        expected += websocket::frame(websocket::Opcode::text, frame->bytes);
        session->send(frame);
    }
    auto binary = std::make_shared<const eio::Frame>(eio::Frame{"\x01\x02"s, true});
    expected += "\x82\x02\x01\x02"s;
    session->send(binary);
    EXPECT_TRUE(session->websocket_backlog()) << "6.4 MB do not fit in a socket buffer";
    const std::string got = read(expected.size());
    ASSERT_EQ(got.size(), expected.size());
    EXPECT_TRUE(got == expected);
    EXPECT_FALSE(session->websocket_backlog());
    EXPECT_FALSE(session->closed());
}

TEST_F(WebSocketSession, AnswersPingsConnectsANamespaceAndEchoesAClose) {
    write(test_support::client_frame(0x89, "hi"));
    EXPECT_EQ(read(4), "\x8a\x02hi"s);
    write(test_support::client_frame(0x81, "40"));
    const std::string connected = read(2 + 34);  // 40{"sid":"<22 characters>"}
    EXPECT_EQ(connected.substr(0, 12),
              "\x81\x22"
              "40{\"sid\":\""s)
        << connected;
    write(test_support::client_frame(0x88, "\x03\xe8"s));
    EXPECT_EQ(read(4), "\x88\x02\x03\xe8"s);
    io.run_for(10ms);
    EXPECT_TRUE(session->closed());
}

TEST_F(WebSocketSession, AMessageOverMaxPayloadClosesTheSessionWith1009) {
    write(test_support::client_frame(0x81, "42[\"x\",\"" + std::string(990, 'x') + "\"]"));
    io.run_for(20ms);
    io.restart();
    EXPECT_FALSE(session->closed()) << "1,000 bytes are allowed";
    write(test_support::client_frame(0x81, "42[\"x\",\"" + std::string(991, 'x') + "\"]"));
    EXPECT_EQ(read(4), "\x88\x02\x03\xf1"s) << "a close frame with 1009 before the connection closes";
    io.run_for(20ms);
    EXPECT_TRUE(session->closed());
}

TEST_F(WebSocketSession, ABadFrameClosesTheSessionWith1002) {
    write("\x81\x02hi"s);  // unmasked
    EXPECT_EQ(read(4), "\x88\x02\x03\xea"s);
    io.run_for(10ms);
    EXPECT_TRUE(session->closed());
}

TEST_F(WebSocketSession, ACloseWithAnInvalidCodeIsAnsweredWith1002) {
    write(test_support::client_frame(0x88, "\x03\xe7"s));  // 999
    EXPECT_EQ(read(4), "\x88\x02\x03\xea"s);
    io.run_for(10ms);
    EXPECT_TRUE(session->closed());
}

}  // namespace
}  // namespace superapp::platform::realtime
