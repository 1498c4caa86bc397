#include "platform/realtime/engine_io/outbox.hpp"

#include <gtest/gtest.h>

namespace superapp::platform::realtime::engine_io {
namespace {

SharedFrame binary_frame(std::string bytes) { return std::make_shared<const Frame>(Frame{std::move(bytes), true}); }

TEST(Outbox, APollingPayloadJoinsPacketsWithTheRecordSeparator) {
    Outbox out;
    out.push(text_frame({PacketType::message, "hello"}));
    out.push(binary_frame(std::string("\x01\x02\x03", 3)));
    out.push(text_frame({PacketType::ping, ""}));
    EXPECT_EQ(out.bytes(), 6u + 3u + 1u);
    EXPECT_EQ(out.take_payload(),
              "4hello\x1e"
              "bAQID\x1e"
              "2");
    EXPECT_TRUE(out.empty());
    EXPECT_EQ(out.bytes(), 0u);
}

TEST(Outbox, APayloadDecodesBackToItsPackets) {
    Outbox out;
    out.push(text_frame({PacketType::message, "2[\"event\",{\"a\":1}]"}));
    out.push(binary_frame("raw\x1e bytes"));
    const auto decoded = decode_payload(out.take_payload());
    ASSERT_TRUE(decoded);
    ASSERT_EQ(decoded.packets.size(), 2u);
    EXPECT_EQ(decoded.packets[0], (Packet{PacketType::message, "2[\"event\",{\"a\":1}]", false}));
    EXPECT_EQ(decoded.packets[1], (Packet{PacketType::message, "raw\x1e bytes", true}));
}

TEST(Outbox, FramesLeaveInOrderAndTheByteCountFollows) {
    Outbox out;
    out.push(text_frame({PacketType::message, "a"}));
    out.push(text_frame({PacketType::message, "bb"}));
    EXPECT_EQ(out.front().bytes, "4a");
    out.pop();
    EXPECT_EQ(out.bytes(), 3u);
    EXPECT_EQ(out.front().bytes, "4bb");
    out.pop();
    EXPECT_TRUE(out.empty());
}

TEST(Outbox, MovingKeepsTheOrderAfterWhatWasThere) {
    Outbox polling, websocket;
    websocket.push(text_frame({PacketType::pong, "probe"}));
    polling.push(text_frame({PacketType::message, "x"}));
    polling.push(text_frame({PacketType::message, "y"}));
    polling.move_to(websocket);
    EXPECT_TRUE(polling.empty());
    EXPECT_EQ(websocket.take_payload(),
              "3probe\x1e"
              "4x\x1e"
              "4y");
}

}  // namespace
}  // namespace superapp::platform::realtime::engine_io
