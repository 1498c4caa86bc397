#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "platform/realtime/socket_io/packet.hpp"

namespace superapp::platform::realtime::socket_io {
namespace {

using namespace std::string_literals;
namespace json = boost::json;

std::string encode_text(const Packet& p) {
    std::vector<std::string> binaries;
    std::string text = encode(p, binaries);
    EXPECT_TRUE(binaries.empty());
    return text;
}

Packet decode_one(std::string_view text) {
    Decoder decoder;
    Decoder::Result r = decoder.add_text(text);
    EXPECT_EQ(r.error, Error::none) << text << ": " << describe(r.error);
    EXPECT_TRUE(r.packet) << text;
    return r.packet ? std::move(*r.packet) : Packet{};
}

Error decode_error(std::string_view text, Limits limits = {}) {
    Decoder decoder(limits);
    Decoder::Result r = decoder.add_text(text);
    EXPECT_FALSE(r.packet) << text;
    return r.error;
}

// The examples of the socket.io-protocol document (v5), both ways.
TEST(SocketIoPacket, EncodesTheProtocolsExamples) {
    EXPECT_EQ(encode_text({.type = PacketType::connect}), "0");
    EXPECT_EQ(encode_text({.type = PacketType::connect, .nsp = "/admin"}), "0/admin,");
    EXPECT_EQ(encode_text({.type = PacketType::connect, .data = json::parse(R"({"token":"abc"})")}),
              R"(0{"token":"abc"})");
    EXPECT_EQ(
        encode_text(
            {.type = PacketType::connect, .nsp = "/admin", .data = json::parse(R"({"sid":"oSO0OpakMV_3jnilAAAA"})")}),
        R"(0/admin,{"sid":"oSO0OpakMV_3jnilAAAA"})");
    EXPECT_EQ(encode_text({.type = PacketType::connect_error, .data = json::parse(R"({"message":"unauthorized"})")}),
              R"(4{"message":"unauthorized"})");
    EXPECT_EQ(encode_text({.type = PacketType::disconnect, .nsp = "/admin"}), "1/admin,");
    EXPECT_EQ(encode_text({.type = PacketType::event, .data = json::parse(R"(["hello",1])")}), R"(2["hello",1])");
    EXPECT_EQ(encode_text({.type = PacketType::event, .id = 1, .data = json::parse(R"(["ack-me"])")}),
              R"(21["ack-me"])");
    EXPECT_EQ(encode_text({.type = PacketType::event, .nsp = "/admin", .data = json::parse(R"(["x"])")}),
              R"(2/admin,["x"])");
    EXPECT_EQ(encode_text({.type = PacketType::event, .nsp = "/admin", .id = 12, .data = json::parse(R"(["foo"])")}),
              R"(2/admin,12["foo"])");
    EXPECT_EQ(encode_text({.type = PacketType::ack, .nsp = "/admin", .id = 13, .data = json::parse(R"(["bar"])")}),
              R"(3/admin,13["bar"])");
    // Doubles through core::serialize: shortest form that reads back.
    EXPECT_EQ(encode_text({.type = PacketType::event, .data = json::parse(R"(["p",499.5,4.0,0.1])")}),
              R"(2["p",499.5,4.0,0.1])");
}

TEST(SocketIoPacket, EncodesBinaryAsPlaceholdersAndAttachments) {
    std::vector<std::string> binaries;
    Packet p{.type = PacketType::event, .data = json::array{"baz", binary("\x01\x02\x03"s)}};
    EXPECT_EQ(encode(p, binaries), R"(51-["baz",{"_placeholder":true,"num":0}])");
    EXPECT_EQ(binaries, std::vector<std::string>{"\x01\x02\x03"s});

    p = {.type = PacketType::event, .nsp = "/admin", .id = 456, .data = json::array{"baz", binary("\x01\x02\x03"s)}};
    EXPECT_EQ(encode(p, binaries), R"(51-/admin,456["baz",{"_placeholder":true,"num":0}])");

    p = {.type = PacketType::ack, .nsp = "/admin", .id = 456, .data = json::array{binary("\x03\x02\x01"s)}};
    EXPECT_EQ(encode(p, binaries), R"(61-/admin,456[{"_placeholder":true,"num":0}])");
    EXPECT_EQ(binaries, std::vector<std::string>{"\x03\x02\x01"s});

    // Depth-first order, nested in objects and arrays; a BINARY_* without binary is downgraded.
    p = {.type = PacketType::binary_event,
         .data = json::array{"m", json::object{{"a", binary("A")}, {"b", json::array{binary(""), binary("C")}}}}};
    EXPECT_EQ(
        encode(p, binaries),
        R"(53-["m",{"a":{"_placeholder":true,"num":0},"b":[{"_placeholder":true,"num":1},{"_placeholder":true,"num":2}]}])");
    EXPECT_EQ(binaries, (std::vector<std::string>{"A", "", "C"}));
    p = {.type = PacketType::binary_ack, .id = 3, .data = json::array{1}};
    EXPECT_EQ(encode(p, binaries), "33[1]");
    EXPECT_TRUE(binaries.empty());
}

TEST(SocketIoPacket, DecodesTheProtocolsExamples) {
    Packet p = decode_one("0");
    EXPECT_EQ(p.type, PacketType::connect);
    EXPECT_EQ(p.nsp, "/");
    EXPECT_TRUE(p.data.is_null());
    EXPECT_FALSE(p.id);

    p = decode_one(R"(0{"token":"abc"})");
    EXPECT_EQ(p.data, json::parse(R"({"token":"abc"})"));

    p = decode_one("0/admin,");
    EXPECT_EQ(p.type, PacketType::connect);
    EXPECT_EQ(p.nsp, "/admin");
    EXPECT_TRUE(p.data.is_null());

    p = decode_one(R"(0/admin,{"token":"123"})");
    EXPECT_EQ(p.nsp, "/admin");
    EXPECT_EQ(p.data, json::parse(R"({"token":"123"})"));

    p = decode_one("1/admin,");
    EXPECT_EQ(p.type, PacketType::disconnect);
    EXPECT_EQ(p.nsp, "/admin");

    p = decode_one(R"(4{"message":"unauthorized"})");
    EXPECT_EQ(p.type, PacketType::connect_error);
    EXPECT_EQ(p.data, json::parse(R"({"message":"unauthorized"})"));
    EXPECT_EQ(decode_one(R"(4"Not authorized")").data, "Not authorized");

    p = decode_one(R"(2["hello",1])");
    EXPECT_EQ(p.type, PacketType::event);
    EXPECT_EQ(p.data, json::parse(R"(["hello",1])"));
    EXPECT_FALSE(p.id);

    p = decode_one(R"(21["ack-me"])");
    EXPECT_EQ(p.id, 1u);
    EXPECT_EQ(p.data, json::parse(R"(["ack-me"])"));

    p = decode_one(R"(2/admin,["x"])");
    EXPECT_EQ(p.nsp, "/admin");
    EXPECT_FALSE(p.id);

    p = decode_one(R"(2/admin,12["foo"])");
    EXPECT_EQ(p.nsp, "/admin");
    EXPECT_EQ(p.id, 12u);

    p = decode_one(R"(3/admin,13["bar"])");
    EXPECT_EQ(p.type, PacketType::ack);
    EXPECT_EQ(p.id, 13u);
    EXPECT_EQ(p.data, json::parse(R"(["bar"])"));

    EXPECT_EQ(decode_one("3[]").data, json::array());
    EXPECT_EQ(decode_one(R"(2[42,"numeric event names are allowed"])").type, PacketType::event);
    EXPECT_EQ(decode_one("0/admin").nsp, "/admin");  // no comma at the end of the text
}

TEST(SocketIoPacket, ReassemblesBinaryPackets) {
    Decoder decoder;
    Decoder::Result r = decoder.add_text(R"(51-["baz",{"_placeholder":true,"num":0}])");
    EXPECT_FALSE(r.packet);
    EXPECT_EQ(r.error, Error::none);
    EXPECT_TRUE(decoder.reconstructing());
    r = decoder.add_binary("\x01\x02\x03"s);
    ASSERT_TRUE(r.packet);
    EXPECT_FALSE(decoder.reconstructing());
    EXPECT_EQ(r.packet->type, PacketType::binary_event);
    EXPECT_EQ(r.packet->attachments, 1u);
    ASSERT_TRUE(r.packet->data.is_array());
    EXPECT_EQ(r.packet->data.get_array()[0], "baz");
    EXPECT_EQ(binary_of(r.packet->data.get_array()[1]), "\x01\x02\x03"s);

    r = decoder.add_text(R"(61-/admin,456[{"_placeholder":true,"num":0}])");
    EXPECT_FALSE(r.packet);
    r = decoder.add_binary("\x03\x02\x01"s);
    ASSERT_TRUE(r.packet);
    EXPECT_EQ(r.packet->type, PacketType::binary_ack);
    EXPECT_EQ(r.packet->nsp, "/admin");
    EXPECT_EQ(r.packet->id, 456u);
    EXPECT_EQ(binary_of(r.packet->data.get_array()[0]), "\x03\x02\x01"s);

    // Out of order placeholders, nested anywhere.
    ASSERT_FALSE(
        decoder.add_text(R"(52-["m",{"x":[{"_placeholder":true,"num":1}]},{"_placeholder":true,"num":0}])").packet);
    ASSERT_FALSE(decoder.add_binary("zero").packet);
    r = decoder.add_binary("one");
    ASSERT_TRUE(r.packet);
    const json::array& a = r.packet->data.get_array();
    EXPECT_EQ(binary_of(a[1].at("x").at(0)), "one");
    EXPECT_EQ(binary_of(a[2]), "zero");

    // An attachment named by two placeholders is refused.
    ASSERT_FALSE(decoder.add_text(R"(52-["m",{"_placeholder":true,"num":1},{"_placeholder":true,"num":1}])").packet);
    ASSERT_FALSE(decoder.add_binary("zero").packet);
    EXPECT_EQ(decoder.add_binary("one").error, Error::bad_placeholder);
}

TEST(SocketIoPacket, RoundTrips) {
    const std::vector<Packet> packets = {
        {.type = PacketType::connect},
        {.type = PacketType::connect, .nsp = "/custom", .data = json::parse(R"({"token":"t","n":[1,2.5,null]})")},
        {.type = PacketType::disconnect, .nsp = "/a b"},
        {.type = PacketType::connect_error, .nsp = "/x", .data = json::parse(R"({"message":"Invalid namespace"})")},
        {.type = PacketType::event, .id = kMaxAckId, .data = json::parse(R"(["e",{"k":"v\u0000\"\\"},true,-1,1e300])")},
        {.type = PacketType::ack, .nsp = "/n", .id = 0, .data = json::array()},
        {.type = PacketType::event, .nsp = "/b", .id = 7, .data = json::array{"bin", binary(""), binary("\0\xff"s)}},
        {.type = PacketType::ack, .id = 8, .data = json::array{json::object{{"f", binary("file")}}}},
    };
    for (const Packet& p : packets) {
        std::vector<std::string> binaries;
        const std::string text = encode(p, binaries);
        Decoder decoder;
        Decoder::Result r = decoder.add_text(text);
        for (const std::string& b : binaries) {
            ASSERT_FALSE(r.packet) << text;
            ASSERT_EQ(r.error, Error::none) << text;
            r = decoder.add_binary(b);
        }
        ASSERT_TRUE(r.packet) << text << ": " << describe(r.error);
        EXPECT_EQ(r.packet->nsp, p.nsp) << text;
        EXPECT_EQ(r.packet->id, p.id) << text;
        EXPECT_EQ(r.packet->data, p.data) << text;
        EXPECT_EQ(r.packet->attachments, binaries.size()) << text;
        std::vector<std::string> again;
        EXPECT_EQ(encode(*r.packet, again), text);
        EXPECT_EQ(again, binaries);
    }
}

TEST(SocketIoPacket, BinaryMarkersCannotComeFromJsonText) {
    EXPECT_TRUE(binary_of(binary("x")));
    EXPECT_FALSE(binary_of(json::parse(R"({"binary":"x"})")));
    EXPECT_FALSE(binary_of(json::object{{kBinaryKey, "x"}, {"other", 1}}));
    EXPECT_FALSE(binary_of(json::object{{kBinaryKey, 1}}));
    EXPECT_TRUE(has_binary(json::array{1, json::object{{"a", json::array{binary("")}}}}));
    EXPECT_FALSE(has_binary(json::parse(R"([1,{"_placeholder":true,"num":0}])")));
    // The marker's key is not UTF-8: a client can neither send it raw nor escape it.
    EXPECT_EQ(decode_error("2[\"e\",{\"\xC0"
                           "binary\":\"x\"}]"),
              Error::bad_json);
    EXPECT_FALSE(has_binary(decode_one(R"(2["e",{"\u00c0binary":"x"}])").data));  // that is "\xC3\x80binary"
    // A text EVENT keeps placeholder-looking objects as plain data.
    const Packet p = decode_one(R"(2["e",{"_placeholder":true,"num":0}])");
    EXPECT_FALSE(has_binary(p.data));
}

TEST(SocketIoPacket, RefusesMalformedText) {
    EXPECT_EQ(decode_error(""), Error::empty);
    EXPECT_EQ(decode_error("7"), Error::unknown_type);
    EXPECT_EQ(decode_error("a[]"), Error::unknown_type);
    EXPECT_EQ(decode_error(R"(["x"])"), Error::unknown_type);
    EXPECT_EQ(decode_error("-1"), Error::unknown_type);

    // Attachments.
    EXPECT_EQ(decode_error(R"(5["x",{"_placeholder":true,"num":0}])"), Error::bad_attachments);
    EXPECT_EQ(decode_error(R"(5-["x"])"), Error::bad_attachments);
    EXPECT_EQ(decode_error(R"(50-["x"])"), Error::bad_attachments);
    EXPECT_EQ(decode_error("51"), Error::bad_attachments);
    EXPECT_EQ(decode_error("5"), Error::bad_attachments);
    EXPECT_EQ(decode_error(R"(5a-["x"])"), Error::bad_attachments);
    EXPECT_EQ(decode_error(R"(511-["x"])"), Error::too_many_attachments);
    EXPECT_EQ(decode_error(R"(599999999999999999999999-["x"])"), Error::too_many_attachments);
    EXPECT_EQ(decode_error(R"(53-["x"])", {.max_attachments = 2}), Error::too_many_attachments);

    // Namespaces.
    EXPECT_EQ(decode_error("0/" + std::string(256, 'n') + ","), Error::bad_namespace);
    EXPECT_EQ(decode_one("0/" + std::string(255, 'n') + ",").nsp.size(), 256u);
    EXPECT_EQ(decode_error(R"(2admin,["x"])"), Error::bad_json);
    EXPECT_EQ(decode_error(R"(2/a,b,["x"])"), Error::bad_json);  // the first comma ends the namespace

    // Ack ids.
    EXPECT_EQ(decode_error(R"(29007199254740992["x"])"), Error::bad_ack_id);
    EXPECT_EQ(decode_error(R"(299999999999999999999999999["x"])"), Error::bad_ack_id);
    EXPECT_EQ(decode_one(R"(29007199254740991["x"])").id, kMaxAckId);
    EXPECT_EQ(decode_error(R"(01{})"), Error::bad_ack_id);
    EXPECT_EQ(decode_error("11"), Error::bad_ack_id);
    EXPECT_EQ(decode_error(R"(41{"message":"x"})"), Error::bad_ack_id);
    EXPECT_EQ(decode_error(R"(2-1["x"])"), Error::bad_json);
    EXPECT_EQ(decode_error(R"(21.5["x"])"), Error::bad_json);

    // JSON.
    EXPECT_EQ(decode_error(R"(2["x")"), Error::bad_json);
    EXPECT_EQ(decode_error(R"(2["x"]])"), Error::bad_json);
    EXPECT_EQ(decode_one("2[\"x\"] \n").data, json::parse(R"(["x"])"));  // JSON allows whitespace around
    EXPECT_EQ(decode_error(R"(2["x",])"), Error::bad_json);
    EXPECT_EQ(decode_error("2[\"\xff\"]"), Error::bad_json);
    EXPECT_EQ(decode_error(R"(2["\ud800"])"), Error::bad_json);
    EXPECT_EQ(decode_error("2[\"x\"]/*c*/"), Error::bad_json);
    EXPECT_EQ(decode_error("2[\"x\"," + std::string(40, '[') + std::string(40, ']') + "]"), Error::bad_json);

    // Payload shapes.
    EXPECT_EQ(decode_error(R"(0["x"])"), Error::invalid_payload);
    EXPECT_EQ(decode_error(R"(0"token")"), Error::invalid_payload);
    EXPECT_EQ(decode_error("0null"), Error::invalid_payload);
    EXPECT_EQ(decode_error("1{}"), Error::invalid_payload);
    EXPECT_EQ(decode_error("1/admin,[]"), Error::invalid_payload);
    EXPECT_EQ(decode_error("4[]"), Error::invalid_payload);
    EXPECT_EQ(decode_error("41"), Error::bad_ack_id);
    EXPECT_EQ(decode_error("2"), Error::invalid_payload);
    EXPECT_EQ(decode_error("2/admin,"), Error::invalid_payload);
    EXPECT_EQ(decode_error("21"), Error::invalid_payload);
    EXPECT_EQ(decode_error("2[]"), Error::invalid_payload);
    EXPECT_EQ(decode_error("2{}"), Error::invalid_payload);
    EXPECT_EQ(decode_error(R"(2"x")"), Error::invalid_payload);
    EXPECT_EQ(decode_error("2[null]"), Error::invalid_payload);
    EXPECT_EQ(decode_error("2[[\"x\"]]"), Error::invalid_payload);
    EXPECT_EQ(decode_error("2[1e400]"), Error::invalid_payload);  // an infinite event name
    EXPECT_EQ(decode_one("2[1.5]").data, json::array{1.5});
    EXPECT_EQ(decode_one("2[\"e\",1e400]").data.at(1).get_double(), HUGE_VAL);  // written back as null
    for (const char* reserved :
         {"connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"}) {
        EXPECT_EQ(decode_error("2[\""s + reserved + "\"]"), Error::invalid_payload) << reserved;
    }
    EXPECT_EQ(decode_error("3"), Error::invalid_payload);
    EXPECT_EQ(decode_error("31"), Error::invalid_payload);
    EXPECT_EQ(decode_error("3{}"), Error::invalid_payload);
    EXPECT_EQ(decode_error(R"(51-[])"), Error::invalid_payload);
    EXPECT_EQ(decode_error(R"(51-{"_placeholder":true,"num":0})"), Error::invalid_payload);
    EXPECT_EQ(decode_error("61-"), Error::invalid_payload);
}

TEST(SocketIoPacket, RefusesBadAttachmentSequences) {
    Decoder decoder;
    EXPECT_EQ(decoder.add_binary("x").error, Error::unexpected_binary);

    EXPECT_EQ(decoder.add_text(R"(52-["x",{"_placeholder":true,"num":0}])").error, Error::none);
    EXPECT_EQ(decoder.add_binary("a").error, Error::none);
    EXPECT_EQ(decoder.add_text(R"(2["y"])").error, Error::unexpected_text);
    EXPECT_FALSE(decoder.reconstructing());
    // The decoder starts afresh after an error.
    EXPECT_TRUE(decoder.add_text(R"(2["y"])").packet);

    for (const char* bad :
         {R"(51-["x",{"_placeholder":true,"num":1}])", R"(51-["x",{"_placeholder":true,"num":-1}])",
          R"(51-["x",{"_placeholder":true,"num":0.5}])", R"(51-["x",{"_placeholder":true,"num":"0"}])",
          R"(51-["x",{"_placeholder":true}])", R"(51-["x",{"_placeholder":true,"num":18446744073709551615}])",
          R"(51-["x",[{"_placeholder":true,"num":1e3}]])"}) {
        ASSERT_EQ(decoder.add_text(bad).error, Error::none) << bad;
        const Decoder::Result r = decoder.add_binary("b");
        EXPECT_FALSE(r.packet) << bad;
        EXPECT_EQ(r.error, Error::bad_placeholder) << bad;
        EXPECT_FALSE(decoder.reconstructing());
    }
    // "_placeholder" other than true is plain data.
    ASSERT_EQ(decoder.add_text(R"(51-["x",{"_placeholder":1,"num":5}])").error, Error::none);
    const Decoder::Result r = decoder.add_binary("b");
    ASSERT_TRUE(r.packet);
    EXPECT_EQ(r.packet->data, json::parse(R"(["x",{"_placeholder":1,"num":5}])"));

    decoder.add_text(R"(51-["x",{"_placeholder":true,"num":0}])");
    EXPECT_TRUE(decoder.reconstructing());
    decoder.reset();
    EXPECT_FALSE(decoder.reconstructing());
    EXPECT_EQ(decoder.add_binary("x").error, Error::unexpected_binary);
}

}  // namespace
}  // namespace superapp::platform::realtime::socket_io
