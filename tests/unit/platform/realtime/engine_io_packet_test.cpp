#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <vector>

#include "platform/realtime/engine_io/packet.hpp"

namespace superapp::platform::realtime::engine_io {
namespace {

using namespace std::string_literals;

Packet text(PacketType type, std::string data = {}) { return {.type = type, .data = std::move(data), .binary = false}; }
Packet bin(std::string bytes) { return {.type = PacketType::message, .data = std::move(bytes), .binary = true}; }

// The examples of the engine.io-protocol document (v4).
TEST(EngineIoPacket, EncodesTheProtocolsExamples) {
    EXPECT_EQ(encode_text(text(PacketType::message, "hello")), "4hello");
    EXPECT_EQ(encode_text(text(PacketType::ping)), "2");
    EXPECT_EQ(encode_text(text(PacketType::pong)), "3");
    EXPECT_EQ(encode_text(text(PacketType::ping, "probe")), "2probe");
    EXPECT_EQ(encode_text(text(PacketType::pong, "probe")), "3probe");
    EXPECT_EQ(encode_text(text(PacketType::upgrade)), "5");
    EXPECT_EQ(encode_text(text(PacketType::noop)), "6");
    EXPECT_EQ(encode_text(text(PacketType::close)), "1");
    EXPECT_EQ(encode_text(bin("\x01\x02\x03\x04"s)), "bAQIDBA==");
    const std::vector<Packet> payload = {text(PacketType::message, "hello"), bin("\x01\x02\x03\x04"s)};
    EXPECT_EQ(encode_payload(payload),
              "4hello\x1e"
              "bAQIDBA==");
}

TEST(EngineIoPacket, WebSocketFramesCarryBinaryAsRawBytes) {
    const Frame t = encode(text(PacketType::message, "hello"));
    EXPECT_EQ(t.bytes, "4hello");
    EXPECT_FALSE(t.binary);
    const Frame b = encode(bin("\x01\x02\x03\x04"s));
    EXPECT_EQ(b.bytes, "\x01\x02\x03\x04"s);
    EXPECT_TRUE(b.binary);

    EXPECT_EQ(decode("\x01\x02\x03\x04"s, true).packet, bin("\x01\x02\x03\x04"s));
    EXPECT_EQ(decode(""s, true).packet, bin(""));  // an empty binary message is a message
    EXPECT_EQ(decode("4hello", false).packet, text(PacketType::message, "hello"));
    EXPECT_EQ(decode("bAQIDBA==", false).packet, bin("\x01\x02\x03\x04"s));
}

TEST(EngineIoPacket, DecodesEveryType) {
    for (char c = '0'; c <= '6'; ++c) {
        const DecodeResult r = decode(std::string(1, c) + "x", false);
        ASSERT_TRUE(r) << c;
        EXPECT_EQ(static_cast<int>(r.packet->type), c - '0');
        EXPECT_EQ(r.packet->data, "x");
        EXPECT_FALSE(r.packet->binary);
    }
    // Data is opaque: separators-free UTF-8 and anything else passes through.
    EXPECT_EQ(decode("4h\xc3\xa9llo\n\0x"s, false).packet, text(PacketType::message, "h\xc3\xa9llo\n\0x"s));
}

TEST(EngineIoPacket, DecodesTheProtocolsPayloads) {
    PayloadResult r = decode_payload(
        "4hello\x1e"
        "bAQIDBA==");
    ASSERT_TRUE(r);
    ASSERT_EQ(r.packets.size(), 2u);
    EXPECT_EQ(r.packets[0], text(PacketType::message, "hello"));
    EXPECT_EQ(r.packets[1], bin("\x01\x02\x03\x04"s));

    r = decode_payload("2");
    ASSERT_TRUE(r);
    ASSERT_EQ(r.packets.size(), 1u);
    EXPECT_EQ(r.packets[0], text(PacketType::ping));

    r = decode_payload(
        "4\x1e"
        "4\x1e"
        "6");
    ASSERT_TRUE(r);
    ASSERT_EQ(r.packets.size(), 3u);
    EXPECT_EQ(r.packets[0], text(PacketType::message));
    EXPECT_EQ(r.packets[2], text(PacketType::noop));
}

TEST(EngineIoPacket, PayloadsRoundTrip) {
    std::string all;
    for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
    std::vector<Packet> packets;
    for (std::size_t n = 0; n <= 40; ++n) packets.push_back(bin(all.substr(n * 6, n)));
    packets.push_back(text(PacketType::message, "{\"a\":[1,2]}"));
    packets.push_back(text(PacketType::close));
    const PayloadResult r = decode_payload(encode_payload(packets));
    ASSERT_TRUE(r);
    EXPECT_EQ(r.packets, packets);
    for (const Packet& p : packets) {
        const Frame f = encode(p);
        EXPECT_EQ(decode(f.bytes, f.binary).packet, p);
    }
}

TEST(EngineIoPacket, RefusesMalformedInput) {
    EXPECT_EQ(decode("", false).error, Error::empty);
    EXPECT_EQ(decode("7", false).error, Error::unknown_type);
    EXPECT_EQ(decode("a4", false).error, Error::unknown_type);
    EXPECT_EQ(decode("/", false).error, Error::unknown_type);
    EXPECT_EQ(decode(" 4", false).error, Error::unknown_type);
    EXPECT_EQ(decode("\x1e", false).error, Error::unknown_type);
    EXPECT_EQ(decode("bAQID", false).packet, bin("\x01\x02\x03"s));
    EXPECT_EQ(decode("bAQI", false).error, Error::bad_base64);       // 4n+3 after b
    EXPECT_EQ(decode("bAQIDBA=", false).error, Error::bad_base64);   // 4n+3 after b
    EXPECT_EQ(decode("bAQIDB===", false).error, Error::bad_base64);  // too much padding
    EXPECT_EQ(decode("bAQ=DBA=", false).error, Error::bad_base64);   // padding inside
    EXPECT_EQ(decode("bAQ IDBA=", false).error, Error::bad_base64);
    EXPECT_EQ(decode("b-_-_", false).error, Error::bad_base64);  // base64url is not accepted
    EXPECT_EQ(decode("b====", false).error, Error::bad_base64);
    EXPECT_EQ(decode("bAQIDBA==\n", false).error, Error::bad_base64);

    EXPECT_EQ(decode_payload("").error, Error::empty);
    EXPECT_EQ(decode_payload("4a\x1e").error, Error::empty);  // trailing separator: an empty packet
    EXPECT_EQ(decode_payload("\x1e"
                             "4a")
                  .error,
              Error::empty);
    EXPECT_EQ(decode_payload("4a\x1e\x1e"
                             "4b")
                  .error,
              Error::empty);
    EXPECT_EQ(decode_payload("4a\x1e"
                             "9")
                  .error,
              Error::unknown_type);
    EXPECT_EQ(decode_payload("4a\x1e"
                             "b!!!!")
                  .error,
              Error::bad_base64);
    EXPECT_TRUE(decode_payload("4a\x1e"
                               "9")
                    .packets.empty());
}

TEST(EngineIoPacket, EnforcesTheMaximumSize) {
    EXPECT_TRUE(decode(std::string(10, '4'), false, 10));
    EXPECT_EQ(decode(std::string(11, '4'), false, 10).error, Error::too_large);
    EXPECT_EQ(decode(std::string(11, 'x'), true, 10).error, Error::too_large);
    EXPECT_TRUE(decode_payload(std::string(10, '4'), 10));
    EXPECT_EQ(decode_payload(std::string(11, '4'), 10).error, Error::too_large);
}

TEST(EngineIoPacket, WritesTheOpenPacket) {
    const Packet p = open_packet({.sid = "lv_VI97HAXpY6yYWAAAC",
                                  .upgrades = {"websocket"},
                                  .ping_interval_ms = 25000,
                                  .ping_timeout_ms = 5000,
                                  .max_payload = 1000000});
    EXPECT_EQ(encode_text(p), R"(0{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingInterval":25000,)"
                              R"("pingTimeout":5000,"maxPayload":1000000})");
    EXPECT_EQ(encode_text(open_packet({.sid = "a\"b"})),
              R"(0{"sid":"a\"b","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000})");
}

TEST(EngineIoBase64, MatchesRfc4648) {
    EXPECT_EQ(base64_encode(""), "");
    EXPECT_EQ(base64_encode("f"), "Zg==");
    EXPECT_EQ(base64_encode("fo"), "Zm8=");
    EXPECT_EQ(base64_encode("foo"), "Zm9v");
    EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
    EXPECT_EQ(base64_encode("\xfb\xff\xfe"s), "+//+");
    EXPECT_EQ(base64_decode("Zg=="), "f");
    EXPECT_EQ(base64_decode("Zm8="), "fo");
    EXPECT_EQ(base64_decode("+//+"), "\xfb\xff\xfe"s);
    EXPECT_EQ(base64_decode(""), "");
    EXPECT_FALSE(base64_decode("Zg"));
    EXPECT_FALSE(base64_decode("Zg=a"));
    EXPECT_FALSE(base64_decode("=Zg="));
    EXPECT_FALSE(base64_decode("Z==="));
    EXPECT_FALSE(base64_decode("Zm9v\0\0\0\0"s));
}

}  // namespace
}  // namespace superapp::platform::realtime::engine_io
