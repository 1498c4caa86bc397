#include "platform/realtime/websocket/frame.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "client_frame.hpp"

namespace superapp::platform::realtime::websocket {
namespace {

using namespace std::string_literals;

using test_support::client_frame;

struct Read {
    Opcode opcode;
    std::string data;
    friend bool operator==(const Read&, const Read&) = default;
};

struct Collector {
    std::vector<Read> messages;
    int stop_after = -1;
    Reader::Handler handler() {
        return [this](const Message& m) {
            messages.push_back({m.opcode, std::string(m.data)});
            return stop_after < 0 || static_cast<int>(messages.size()) < stop_after;
        };
    }
};

ReadError feed(Reader& reader, std::string bytes, Collector& c) {
    return reader.feed(bytes.data(), bytes.size(), c.handler());
}

TEST(WebSocketFrame, HeadersOfTheThreeLengthForms) {
    EXPECT_EQ(header(Opcode::text, 5).view(), "\x81\x05"s);
    EXPECT_EQ(header(Opcode::binary, 200).view(), "\x82\x7e\x00\xc8"s);
    EXPECT_EQ(header(Opcode::text, 70000).view(), "\x81\x7f\x00\x00\x00\x00\x00\x01\x11\x70"s);
    EXPECT_EQ(frame(Opcode::pong, "hi"), "\x8a\x02hi"s);
}

TEST(WebSocketFrame, ReadsMaskedFramesHoweverTheBytesAreCut) {
    const std::string big(300, 'x');
    const std::string bytes =
        client_frame(0x81, "42[\"a\"]") + client_frame(0x82, "\x01\x02"s) + client_frame(0x81, big);
    const std::vector<Read> expected{{Opcode::text, "42[\"a\"]"}, {Opcode::binary, "\x01\x02"s}, {Opcode::text, big}};
    for (std::size_t cut = 1; cut < bytes.size(); cut += 7) {
        Reader reader(1000);
        Collector c;
        for (std::size_t at = 0; at < bytes.size(); at += cut) {
            ASSERT_EQ(feed(reader, bytes.substr(at, cut), c), ReadError::none);
        }
        EXPECT_EQ(c.messages, expected) << "cut every " << cut << " bytes";
    }
}

TEST(WebSocketFrame, JoinsFragmentsAndPassesControlFramesBetweenThem) {
    Reader reader(1000);
    Collector c;
    ASSERT_EQ(
        feed(reader,
             client_frame(0x01, "he") + client_frame(0x89, "p") + client_frame(0x00, "ll") + client_frame(0x80, "o"),
             c),
        ReadError::none);
    EXPECT_EQ(c.messages, (std::vector<Read>{{Opcode::ping, "p"}, {Opcode::text, "hello"}}));
}

TEST(WebSocketFrame, RefusesWhatAClientMayNotSend) {
    const auto refused = [](std::string bytes) {
        Reader reader(1000);
        Collector c;
        return feed(reader, std::move(bytes), c);
    };
    EXPECT_EQ(refused("\x81\x02hi"s), ReadError::protocol) << "unmasked";
    EXPECT_EQ(refused(client_frame(0xc1, "x")), ReadError::protocol) << "an RSV bit";
    EXPECT_EQ(refused(client_frame(0x83, "x")), ReadError::protocol) << "an unknown opcode";
    EXPECT_EQ(refused(client_frame(0x80, "x")), ReadError::protocol) << "a continuation of nothing";
    EXPECT_EQ(refused(client_frame(0x01, "a") + client_frame(0x81, "b")), ReadError::protocol)
        << "a new message inside a fragmented one";
    EXPECT_EQ(refused(client_frame(0x09, "p")), ReadError::protocol) << "a fragmented control frame";
    EXPECT_EQ(refused(client_frame(0x89, std::string(126, 'p'))), ReadError::protocol) << "a long control frame";
    EXPECT_EQ(refused(client_frame(0x81, std::string(1001, 'x')).substr(0, 8)), ReadError::too_big)
        << "known from the header, before the payload comes";
    EXPECT_EQ(refused(client_frame(0x01, std::string(600, 'x')) + client_frame(0x80, std::string(401, 'x'))),
              ReadError::too_big)
        << "the fragments together";
}

TEST(WebSocketFrame, TextMustBeUtf8) {
    const auto read = [](std::string bytes) {
        Reader reader(1000);
        Collector c;
        return feed(reader, std::move(bytes), c);
    };
    EXPECT_EQ(read(client_frame(0x81, "4\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80")), ReadError::none) << "2, 3 and 4 bytes";
    EXPECT_EQ(read(client_frame(0x82, "\xff\xfe"s)), ReadError::none) << "binary is not checked";
    EXPECT_EQ(read(client_frame(0x81, "\xff")), ReadError::protocol);
    EXPECT_EQ(read(client_frame(0x81, "\xc0\xaf")), ReadError::protocol) << "overlong";
    EXPECT_EQ(read(client_frame(0x81, "\xe0\x80\xaf")), ReadError::protocol) << "overlong, 3 bytes";
    EXPECT_EQ(read(client_frame(0x81, "\xed\xa0\x80")), ReadError::protocol) << "a surrogate";
    EXPECT_EQ(read(client_frame(0x81, "\xf4\x90\x80\x80")), ReadError::protocol) << "above U+10FFFF";
    EXPECT_EQ(read(client_frame(0x81, "\xe2\x82")), ReadError::protocol) << "cut short";
    EXPECT_EQ(read(client_frame(0x01, "\xe2\x82") + client_frame(0x80, "\xac")), ReadError::none)
        << "a character split across fragments";
    EXPECT_EQ(read(client_frame(0x01, "a") + client_frame(0x80, "\xc3")), ReadError::protocol)
        << "a fragmented message";
}

TEST(WebSocketFrame, StopsWhenTheHandlerSaysSo) {
    Reader reader(1000);
    Collector c;
    c.stop_after = 1;
    ASSERT_EQ(feed(reader, client_frame(0x88, "\x03\xe8"s) + client_frame(0x81, "late"), c), ReadError::none);
    EXPECT_EQ(c.messages, (std::vector<Read>{{Opcode::close, "\x03\xe8"s}}));
}

TEST(WebSocketFrame, AClosePayloadIsOneOrTwoBytesOfCode) {
    EXPECT_EQ(close_payload(CloseCode::protocol_error), "\x03\xea"s);
    EXPECT_EQ(close_payload(CloseCode::invalid_data), "\x03\xef"s);
    EXPECT_EQ(close_payload(CloseCode::too_big), "\x03\xf1"s);
}

TEST(WebSocketFrame, ACloseIsAnsweredWithItsCodeWhenThatCodeMayBeSent) {
    const auto code = [](std::uint16_t c) {
        return std::string{static_cast<char>(c >> 8), static_cast<char>(c & 0xff)};
    };
    EXPECT_EQ(close_reply(""), "") << "no code, none back";
    for (const std::uint16_t valid :
         {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4000, 4999}) {
        EXPECT_EQ(close_reply(code(valid)), code(valid)) << valid;
        EXPECT_EQ(close_reply(code(valid) + "bye"), code(valid)) << valid << " with a reason";
    }
    for (const std::uint16_t invalid : {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535}) {
        EXPECT_EQ(close_reply(code(invalid)), close_payload(CloseCode::protocol_error)) << invalid;
    }
    EXPECT_EQ(close_reply("\x03"s), close_payload(CloseCode::protocol_error)) << "one byte";
    EXPECT_EQ(close_reply(code(1000) + "\xff\xfe"), close_payload(CloseCode::invalid_data)) << "a reason not UTF-8";
    EXPECT_EQ(close_reply(code(1000) + "\xc3\xa9t\xc3\xa9"), code(1000)) << "a UTF-8 reason";
}

}  // namespace
}  // namespace superapp::platform::realtime::websocket
