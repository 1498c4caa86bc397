#include "platform/http/multipart.hpp"

#include <gtest/gtest.h>

#include "platform/http/api_error.hpp"

namespace superapp::platform::http::multipart {
namespace {

constexpr std::string_view kType = "multipart/form-data; boundary=XyZ";

// The status and message an ApiError carries, or {0, ""} when `fn` does not throw one.
template <class Fn>
std::pair<unsigned, std::string> refusal(Fn fn) {
    try {
        fn();
    } catch (const ApiError& e) {
        return {e.status(), e.what()};
    }
    return {0, ""};
}

std::pair<unsigned, std::string> parse_refusal(std::string_view body, const Limits& limits = {}) {
    return refusal([&] { parse_form_data(kType, body, limits); });
}

// A string literal with its embedded NULs.
template <std::size_t N>
std::string bytes(const char (&literal)[N]) {
    return std::string(literal, N - 1);
}

std::string field(std::string_view name, std::string_view value) {
    return "--XyZ\r\nContent-Disposition: form-data; name=\"" + std::string(name) + "\"\r\n\r\n" + std::string(value) +
           "\r\n";
}

// --- boundary_of -----------------------------------------------------------------

TEST(MultipartBoundary, ReadsTokenAndQuotedForms) {
    EXPECT_EQ(boundary_of("multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW"),
              "----WebKitFormBoundary7MA4YWxkTrZu0gW");
    EXPECT_EQ(boundary_of("multipart/form-data; boundary=\"a b:c?\""), "a b:c?");
    EXPECT_EQ(boundary_of("Multipart/Form-Data;BOUNDARY=abc; charset=utf-8"), "abc");
    EXPECT_EQ(boundary_of("multipart/form-data; charset=utf-8; boundary=abc;"), "abc");
}

TEST(MultipartBoundary, AcceptsSeventyCharactersAndNotSeventyOne) {
    EXPECT_EQ(boundary_of("multipart/form-data; boundary=" + std::string(70, 'a')), std::string(70, 'a'));
    EXPECT_EQ(refusal([] { boundary_of("multipart/form-data; boundary=" + std::string(71, 'a')); }).first, 400u);
}

TEST(MultipartBoundary, AnotherMediaTypeIs415) {
    for (std::string_view type : {"application/json", "multipart/mixed; boundary=a", "", "text/plain"}) {
        EXPECT_EQ(refusal([&] { boundary_of(type); }).first, 415u) << type;
    }
}

TEST(MultipartBoundary, MissingRepeatedOrInvalidBoundaryIs400) {
    for (std::string_view type :
         {"multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=\"\"",
          "multipart/form-data; boundary=a; boundary=b", "multipart/form-data; boundary=\"abc",
          "multipart/form-data; boundary=\"ab \"", "multipart/form-data; boundary=a*b",
          "multipart/form-data; boundary=\"a\"x", "multipart/form-data; =abc", "multipart/form-data; boundary"}) {
        const auto [status, message] = refusal([&] { boundary_of(type); });
        EXPECT_EQ(status, 400u) << type;
        EXPECT_FALSE(message.empty());
    }
}

// --- parts ------------------------------------------------------------------------

TEST(Multipart, ParsesFieldsAndFilesInOrder) {
    const std::string body = field("greeting", "hello") +
                             "--XyZ\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"me.png\"\r\n"
                             "Content-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n\r\n--XyZ--\r\n";
    const auto parts = parse_form_data(kType, body);
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(parts[0].name, "greeting");
    EXPECT_EQ(parts[0].data, "hello");
    EXPECT_FALSE(parts[0].filename);
    EXPECT_EQ(parts[0].content_type, "text/plain");
    EXPECT_EQ(parts[1].name, "avatar");
    EXPECT_EQ(parts[1].filename, "me.png");
    EXPECT_EQ(parts[1].content_type, "image/png");
    EXPECT_EQ(parts[1].data, "\x89PNG\r\n\x1a\n");
}

TEST(Multipart, IgnoresPreambleAndEpilogue) {
    const std::string body =
        "This is a preamble.\r\n--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n"
        "--XyZ--\r\nand an epilogue with --XyZ in it";
    const auto parts = parse_form_data(kType, body);
    ASSERT_EQ(parts.size(), 1u);
    EXPECT_EQ(parts[0].data, "1");
}

TEST(Multipart, KeepsBinaryContentWithNulsAndBoundaryLookalikes) {
    const std::string content = bytes("a\0b\r\n--XyX\r\n-XyZ\n--XyZ x");
    const auto parts =
        parse_form_data(kType, "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f.bin\"\r\n\r\n" +
                                   content + "\r\n--XyZ--");
    ASSERT_EQ(parts.size(), 1u);
    EXPECT_EQ(parts[0].data, content);
}

TEST(Multipart, TextFieldsMustBeUtf8WithoutNul) {
    for (const std::string& value : {bytes("a\0b"), std::string("caf\xe9"), std::string("\xed\xa0\x80")}) {
        try {
            parse_form_data(kType, field("ok", "fine") + field("title", value) + "--XyZ--");
            FAIL() << "expected 422";
        } catch (const ApiError& e) {
            EXPECT_EQ(e.status(), 422u);
            ASSERT_EQ(e.details().size(), 1u);
            EXPECT_EQ(e.details()[0].field, "title");
        }
    }
    EXPECT_EQ(parse_form_data(kType, field("title", "\xe0\xa4\xa8") + "--XyZ--")[0].data, "\xe0\xa4\xa8");
}

TEST(Multipart, FieldNamesAndFilenamesMustBeText) {
    EXPECT_EQ(parse_refusal(field("ti\xfftle", "x") + "--XyZ--").first, 400u);
    EXPECT_EQ(parse_refusal("--XyZ\r\nContent-Disposition: form-data; name=f; filename*=UTF-8''a%00.jpg\r\n\r\nx\r\n"
                            "--XyZ--")
                  .first,
              422u);
}

TEST(Multipart, EmptyPartsAndEmptyForms) {
    const auto parts = parse_form_data(kType, field("empty", "") + "--XyZ--");
    ASSERT_EQ(parts.size(), 1u);
    EXPECT_EQ(parts[0].data, "");
    EXPECT_TRUE(parse_form_data(kType, "--XyZ--\r\n").empty());
}

TEST(Multipart, TransportPaddingAfterDelimiterIsAllowed) {
    const auto parts =
        parse_form_data(kType, "--XyZ  \t\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZ--");
    ASSERT_EQ(parts.size(), 1u);
    EXPECT_EQ(parts[0].data, "v");
}

TEST(Multipart, DecodesQuotedParametersWithEscapes) {
    const auto parts = parse_form_data(
        kType,
        "--XyZ\r\ncontent-disposition: FORM-DATA; NAME=\"a\\\"b\"; filename=\"c:\\\\x;y.jpg\"\r\n\r\n\r\n--XyZ--");
    ASSERT_EQ(parts.size(), 1u);
    EXPECT_EQ(parts[0].name, "a\"b");
    EXPECT_EQ(parts[0].filename, "c:\\x;y.jpg");
}

TEST(Multipart, PrefersUtf8FilenameStar) {
    const auto parts = parse_form_data(
        kType,
        "--XyZ\r\nContent-Disposition: form-data; name=f; filename=\"plain.jpg\"; filename*=UTF-8''%E0%A4%A8.jpg\r\n"
        "\r\nx\r\n--XyZ--");
    ASSERT_EQ(parts.size(), 1u);
    EXPECT_EQ(parts[0].filename, "\xE0\xA4\xA8.jpg");

    const auto latin = parse_form_data(
        kType,
        "--XyZ\r\nContent-Disposition: form-data; name=f; filename=\"p.jpg\"; filename*=iso-8859-1'en'%E9.jpg\r\n"
        "\r\nx\r\n--XyZ--");
    EXPECT_EQ(latin.at(0).filename, "p.jpg");
    EXPECT_EQ(parse_refusal("--XyZ\r\nContent-Disposition: form-data; name=f; filename*=UTF-8''%G1\r\n\r\nx\r\n--XyZ--")
                  .first,
              400u);
}

TEST(Multipart, UnfoldsContinuationLinesAndIgnoresOtherHeaders) {
    const auto parts = parse_form_data(kType,
                                       "--XyZ\r\nX-Other: 1\r\nContent-Disposition: form-data;\r\n name=\"folded\"\r\n"
                                       "Content-Transfer-Encoding: binary\r\n\r\nv\r\n--XyZ--");
    ASSERT_EQ(parts.size(), 1u);
    EXPECT_EQ(parts[0].name, "folded");
}

TEST(Multipart, MalformedBodiesAre400NamingTheProblem) {
    const struct {
        std::string_view body;
        std::string_view says;
    } cases[] = {
        {"", "closing boundary"},
        {"no delimiter at all", "closing boundary"},
        {"--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nunterminated", "closing boundary"},
        {"--XyZ\r\n\r\nno headers\r\n--XyZ--", "no Content-Disposition"},
        {"--XyZ\r\nContent-Disposition: attachment; name=a\r\n\r\nv\r\n--XyZ--", "form-data"},
        {"--XyZ\r\nContent-Disposition: form-data; filename=a\r\n\r\nv\r\n--XyZ--", "no field name"},
        {"--XyZ\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nv\r\n--XyZ--", "no field name"},
        {"--XyZ\r\nContent-Disposition: form-data; name=a; name=b\r\n\r\nv\r\n--XyZ--", "repeats"},
        {"--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n--XyZ--", "unterminated"},
        {"--XyZ\r\nContent-Disposition: form-data; name=a\r\nContent-Disposition: form-data; name=b\r\n\r\n"
         "v\r\n--XyZ--",
         "two Content-Disposition"},
        {"--XyZ\r\nContent-Disposition: form-data; name=a\nContent-Type: x\r\n\r\nv\r\n--XyZ--", "control character"},
        {"--XyZ\r\nno colon\r\n\r\nv\r\n--XyZ--", "malformed header"},
        {"--XyZ\r\n continued\r\n\r\nv\r\n--XyZ--", "continuation"},
        {"--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZjunk\r\n--XyZ--", "CRLF or"},
        {"--XyZ\r\nContent-Disposition: form-data; name=a\r\nContent-Transfer-Encoding: base64\r\n\r\nv\r\n--XyZ--",
         "Content-Transfer-Encoding"},
    };
    for (const auto& c : cases) {
        const auto [status, message] = parse_refusal(c.body);
        EXPECT_EQ(status, 400u) << c.body;
        EXPECT_NE(message.find(c.says), std::string::npos) << c.body << " -> " << message;
    }
}

TEST(Multipart, EnforcesPartCountHeaderSizeAndTotalLimits) {
    std::string three = field("a", "1") + field("b", "2") + field("c", "3") + "--XyZ--";
    EXPECT_EQ(parse_form_data(kType, three, {.max_parts = 3}).size(), 3u);
    auto [status, message] = parse_refusal(three, {.max_parts = 2});
    EXPECT_EQ(status, 400u);
    EXPECT_NE(message.find("more than 2 parts"), std::string::npos);

    const std::string big_header =
        "--XyZ\r\nContent-Disposition: form-data; name=a\r\nX-Pad: " + std::string(200, 'p') + "\r\n\r\nv\r\n--XyZ--";
    std::tie(status, message) = parse_refusal(big_header, {.max_header_bytes = 128});
    EXPECT_EQ(status, 400u);
    EXPECT_NE(message.find("headers larger than 128"), std::string::npos);
    EXPECT_EQ(parse_form_data(kType, big_header, {.max_header_bytes = 512}).size(), 1u);

    std::tie(status, message) = parse_refusal(field("a", std::string(1000, 'x')) + "--XyZ--", {.max_total_bytes = 999});
    EXPECT_EQ(status, 413u);
}

// A CR at the end of a piece may be the start of a CRLF: it must not count as part of the line
// (found by fuzzing: the split body was refused for its header size, the whole one for what the
// line held).
TEST(Multipart, ASplitBetweenCrAndLfDoesNotChangeTheOutcome) {
    const std::string line = "X-Bad: a\x01";
    const std::string body = "--XyZ\r\n" + line + "\r\n\r\nv\r\n--XyZ--";
    const Limits limits{.max_header_bytes = line.size()};
    const auto [status, whole] = parse_refusal(body, limits);
    ASSERT_EQ(status, 400u);
    EXPECT_NE(whole.find("control character"), std::string::npos) << whole;

    struct : PartSink {
        void on_part_begin(const PartHeader&) override {}
        void on_part_data(std::string_view) override {}
        void on_part_end() override {}
    } sink;
    const std::size_t cr = body.find("\r\n\r\n");
    const auto split = refusal([&] {
        Parser parser("XyZ", limits, sink);
        parser.feed(std::string_view(body).substr(0, cr + 1));  // ends with the CR of the line's CRLF
        parser.feed(std::string_view(body).substr(cr + 1));
        parser.finish();
    });
    EXPECT_EQ(split.second, whole);
}

TEST(Multipart, UnboundedTransportPaddingIsRefused) {
    EXPECT_EQ(parse_refusal("--XyZ" + std::string(1000, ' ') + "\r\n").first, 400u);
}

// Splitting a body anywhere, into any number of pieces, must not change the outcome.
TEST(Multipart, EverySplitGivesTheSameParts) {
    const std::string body = "pre\r\n" + field("a", "x\r\n--XyX") +
                             "--XyZ \r\nContent-Disposition: form-data; name=\"f\"; filename=\"f.bin\"\r\n"
                             "Content-Type: application/octet-stream\r\n\r\n" +
                             bytes("\r\r\n\n--Xy\0Z") + "\r\n--XyZ--\r\nepilogue";
    const auto whole = parse_form_data(kType, body);
    ASSERT_EQ(whole.size(), 2u);

    for (std::size_t step = 1; step <= 7; ++step) {
        for (std::size_t first = 0; first <= body.size(); ++first) {
            std::vector<Part> parts;
            struct Sink : PartSink {
                std::vector<Part>* out;
                void on_part_begin(const PartHeader& h) override {
                    out->emplace_back();
                    static_cast<PartHeader&>(out->back()) = h;
                }
                void on_part_data(std::string_view b) override { out->back().data.append(b); }
                void on_part_end() override {}
            } sink;
            sink.out = &parts;
            Parser parser("XyZ", {}, sink);
            parser.feed(std::string_view(body).substr(0, first));
            for (std::size_t i = first; i < body.size(); i += step) parser.feed(std::string_view(body).substr(i, step));
            parser.finish();
            ASSERT_EQ(parts.size(), whole.size()) << "first " << first << " step " << step;
            for (std::size_t i = 0; i < parts.size(); ++i) {
                EXPECT_EQ(parts[i].name, whole[i].name);
                EXPECT_EQ(parts[i].filename, whole[i].filename);
                EXPECT_EQ(parts[i].content_type, whole[i].content_type);
                EXPECT_EQ(parts[i].data, whole[i].data) << "first " << first << " step " << step;
            }
        }
    }
}

TEST(Multipart, AFailedParserStaysFailed) {
    struct : PartSink {
        void on_part_begin(const PartHeader&) override {}
        void on_part_data(std::string_view) override {}
        void on_part_end() override {}
    } sink;
    Parser parser("XyZ", {}, sink);
    EXPECT_THROW(parser.feed("--XyZjunk\r\n"), ApiError);
    EXPECT_THROW(parser.feed("--XyZ--"), ApiError);
    EXPECT_THROW(parser.finish(), ApiError);
}

}  // namespace
}  // namespace superapp::platform::http::multipart
