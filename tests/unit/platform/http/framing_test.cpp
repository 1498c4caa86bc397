#include "platform/http/framing.hpp"

#include <gtest/gtest.h>

#include <string>

namespace superapp::platform::http {
namespace {

using namespace std::string_literals;

// The header block of a request with these field lines (each without its CRLF).
std::string request(std::string_view fields, std::string_view version = "HTTP/1.1") {
    return "POST /api/v1/cart/add " + std::string(version) + "\r\n" + std::string(fields) + "\r\n";
}

std::string request_with(std::initializer_list<std::string_view> lines, std::string_view version = "HTTP/1.1") {
    std::string fields;
    for (const auto line : lines) fields += std::string(line) + "\r\n";
    return request(fields, version);
}

// The field the refusal names, or "" when the request is accepted.
std::string refused_field(const std::string& header) {
    const auto error = framing_error(header);
    if (!error) return "";
    EXPECT_EQ(error->status(), 400u);
    EXPECT_EQ(error->code(), "BAD_REQUEST");
    EXPECT_EQ(error->details().size(), 1u);
    return error->details().empty() ? "?" : error->details().front().field;
}

TEST(HeaderBlock, EndsAtTheFirstEmptyLine) {
    EXPECT_EQ(header_block_size("GET / HTTP/1.1\r\nHost: x\r\n"), 0u);
    EXPECT_EQ(header_block_size("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /next"), 27u);
    EXPECT_EQ(header_block_size("GET / HTTP/1.0\r\n\r\n"), 18u);
}

TEST(Framing, AcceptsWhatFramesABodyOneWay) {
    EXPECT_EQ(refused_field(request_with({"Host: shop.example"})), "");
    EXPECT_EQ(refused_field(request_with({"host: [::1]:8080", "Content-Length: 12"})), "");
    EXPECT_EQ(refused_field(request_with({"Host: x", "Content-Length:   0012  "})), "") << "OWS around the value";
    EXPECT_EQ(refused_field(request_with({"Host: x", "Transfer-Encoding: chunked"})), "");
    EXPECT_EQ(refused_field(request_with({"Host: x", "transfer-encoding: CHUNKED"})), "");
    EXPECT_EQ(refused_field(request_with({"Host:"})), "") << "an empty Host, for a target without an authority";
    EXPECT_EQ(refused_field(request_with({}, "HTTP/1.0")), "") << "HTTP/1.0 needs no Host";
    EXPECT_EQ(refused_field(request_with({"Host: x", "Content-Length: 3"}, "HTTP/1.0")), "");
    EXPECT_EQ(refused_field(request_with({"Host: x", "X-Note: a\tb \xc3\xa9"})), "") << "HTAB and obs-text";
}

TEST(Framing, TransferEncodingMustBeChunkedAlone) {
    for (const auto* value : {"gzip", "identity", "chunked, identity", "chunked, chunked", "gzip, chunked",
                              "chunked;x=1", "x-unknown", "", ",", "chunked,,gzip"}) {
        EXPECT_EQ(refused_field(request_with({"Host: x", "Transfer-Encoding: "s + value})), "Transfer-Encoding")
            << value;
    }
    EXPECT_EQ(refused_field(request_with({"Host: x", "Transfer-Encoding: chunked", "Transfer-Encoding: chunked"})),
              "Transfer-Encoding")
        << "chunked twice in two fields";
    EXPECT_EQ(refused_field(request_with({"Host: x", "Transfer-Encoding: gzip", "Transfer-Encoding: chunked"})),
              "Transfer-Encoding")
        << "another coding in an earlier field";
    EXPECT_EQ(refused_field(request_with({"Host: x", "Transfer-Encoding: chunked", "Content-Length: 5"})),
              "Transfer-Encoding");
    EXPECT_EQ(refused_field(request_with({"Host: x", "Content-Length: 5", "Transfer-Encoding: gzip"})),
              "Transfer-Encoding");
    EXPECT_EQ(refused_field(request_with({"Host: x", "Transfer-Encoding: chunked"}, "HTTP/1.0")), "Transfer-Encoding");
}

TEST(Framing, ContentLengthIsOneDecimalNumberInOneField) {
    for (const auto* value : {"1, 2", "5, 5", "+5", "-1", "5 5", "0x10", "5;", "five", ""}) {
        EXPECT_EQ(refused_field(request_with({"Host: x", "Content-Length: "s + value})), "Content-Length") << value;
    }
    EXPECT_EQ(refused_field(request_with({"Host: x", "Content-Length: 5", "Content-Length: 6"})), "Content-Length");
    EXPECT_EQ(refused_field(request_with({"Host: x", "Content-Length: 5", "content-length: 5"})), "Content-Length")
        << "even the same value twice";
}

TEST(Framing, Http11NeedsExactlyOneValidHost) {
    EXPECT_EQ(refused_field(request_with({"Content-Length: 0"})), "Host");
    EXPECT_EQ(refused_field(request_with({"Host: a", "Host: b"})), "Host");
    EXPECT_EQ(refused_field(request_with({"Host: a", "Host: a"}, "HTTP/1.0")), "Host");
    for (const auto* host : {"a b", "user@shop.example", "shop.example:80x", ":80", "sh<op", "[::1"}) {
        EXPECT_EQ(refused_field(request_with({"Host: "s + host})), "Host") << host;
    }
}

TEST(Framing, RefusesLinesThatReadersSplitDifferently) {
    EXPECT_EQ(refused_field(request_with({"Host: x", "X-Long: a", " continued"})), "header") << "obs-fold";
    EXPECT_EQ(refused_field(request_with({"Host: x", "X-Long: a", "\tcontinued"})), "header") << "obs-fold with a tab";
    EXPECT_EQ(refused_field(request_with({" Host: x"})), "header") << "whitespace after the request line";
    EXPECT_EQ(refused_field(request_with({"Host: x", "Content-Length : 5"})), "Content-Length");
    EXPECT_EQ(refused_field(request_with({"Host: x", "Transfer-Encoding\t: chunked"})), "Transfer-Encoding");
    EXPECT_EQ(refused_field(request_with({"Host: x", "X-Bad: a\nContent-Length: 5"})), "X-Bad") << "a bare LF";
    EXPECT_EQ(refused_field(request_with({"Host: x", "X-Bad: a\rb"})), "X-Bad") << "a bare CR";
    EXPECT_EQ(refused_field(request_with({"Host: x", "X-Bad: a\0b"s})), "X-Bad") << "a NUL";
    EXPECT_EQ(refused_field(request_with({"Host: x", "X-Bad: a\x7f"})), "X-Bad") << "DEL";
    EXPECT_EQ(refused_field(request_with({"Host: x", "X-Bad"})), "header") << "no colon";
    EXPECT_EQ(refused_field("GET /a\rb HTTP/1.1\r\nHost: x\r\n\r\n"), "request line");
}

}  // namespace
}  // namespace superapp::platform::http
