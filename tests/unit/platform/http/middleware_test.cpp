#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "platform/http/api_error.hpp"
#include "platform/http/middleware/cors.hpp"
#include "platform/http/middleware/etag.hpp"
#include "platform/http/middleware/gzip.hpp"
#include "platform/http/middleware/input_text.hpp"
#include "platform/http/middleware/json_body.hpp"
#include "platform/http/middleware/request_id.hpp"

namespace superapp::platform::http::middleware {
namespace {

TEST(AcceptsGzip, HonoursCodingListsAndZeroQuality) {
    EXPECT_TRUE(accepts_gzip("gzip"));
    EXPECT_TRUE(accepts_gzip("br, gzip;q=0.8"));
    EXPECT_TRUE(accepts_gzip("*"));
    EXPECT_FALSE(accepts_gzip(""));
    EXPECT_FALSE(accepts_gzip("gzip;q=0"));
    EXPECT_FALSE(accepts_gzip("br, deflate"));
    EXPECT_FALSE(accepts_gzip("*, gzip;q=0"));
}

TEST(Gzip, CompressesLargeJsonOnlyWhenAccepted) {
    Request req;
    req.headers = {{"Accept-Encoding", "gzip"}};
    Response res = Response::text(std::string(4096, 'a'), "application/json");
    gzip_if_accepted(req, res);
    EXPECT_EQ(res.headers.get("Content-Encoding"), "gzip");
    EXPECT_LT(res.body.size(), 4096u);

    Request plain;
    Response untouched = Response::text(std::string(4096, 'a'), "application/json");
    gzip_if_accepted(plain, untouched);
    EXPECT_FALSE(untouched.headers.has("Content-Encoding"));
    EXPECT_EQ(untouched.headers.get("Vary"), "Accept-Encoding");
}

TEST(Gzip, LeavesSmallBodiesAlone) {
    Request req;
    req.headers = {{"Accept-Encoding", "gzip"}};
    Response res = Response::text(std::string(100, 'a'), "application/json");
    gzip_if_accepted(req, res);
    EXPECT_FALSE(res.headers.has("Content-Encoding"));
}

TEST(Etag, AHandlersStrongTagIsKeptAndMatched) {
    Request req;
    req.headers = {{"If-None-Match", "W/\"other\", \"abc\""}};
    Response res = Response::text("bytes", "image/png");
    res.headers.set("ETag", "\"abc\"");
    apply_etag(req, res);
    EXPECT_EQ(res.headers.get("ETag"), "\"abc\"");
    EXPECT_EQ(res.status, 304u);
}

TEST(Etag, MatchingIfNoneMatchGives304) {
    Request req;
    Response first = Response::text("{\"a\":1}", "application/json");
    apply_etag(req, first);
    const std::string tag(first.headers.get("ETag"));
    ASSERT_TRUE(tag.starts_with("W/\""));

    req.headers = {{"If-None-Match", tag}};
    Response second = Response::text("{\"a\":1}", "application/json");
    apply_etag(req, second);
    EXPECT_EQ(second.status, 304u);
    EXPECT_TRUE(second.body.empty());
}

TEST(Etag, StrongFormOfTheTagAlsoMatches) {
    Request req;
    Response first = Response::text("x", "text/plain");
    apply_etag(req, first);
    const std::string strong_tag = std::string(first.headers.get("ETag")).substr(2);
    req.headers = {{"If-None-Match", strong_tag}};
    Response second = Response::text("x", "text/plain");
    apply_etag(req, second);
    EXPECT_EQ(second.status, 304u);
}

TEST(Etag, OnlyForSuccessfulGets) {
    Request post;
    post.method = Method::post;
    Response res = Response::text("x", "text/plain");
    apply_etag(post, res);
    EXPECT_FALSE(res.headers.has("ETag"));
}

TEST(JsonBody, MalformedJsonNamesLineAndColumn) {
    Request req;
    req.headers = {{"Content-Type", "application/json"}};
    req.body = "{\n  \"a\": tru\n}";
    try {
        parse_json_body(req);
        FAIL() << "expected 400";
    } catch (const ApiError& e) {
        EXPECT_EQ(e.status(), 400u);
        EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
    }
}

TEST(JsonBody, WrongContentTypeIs415) {
    Request req;
    req.headers = {{"Content-Type", "text/plain"}};
    req.body = "{}";
    try {
        parse_json_body(req);
        FAIL() << "expected 415";
    } catch (const ApiError& e) {
        EXPECT_EQ(e.status(), 415u);
    }
}

TEST(JsonBody, AcceptsCharsetParameterAndTrailingWhitespace) {
    Request req;
    req.headers = {{"Content-Type", "application/json; charset=utf-8"}};
    req.body = "{\"a\": [1, 2]}\n";
    parse_json_body(req);
    EXPECT_EQ(req.json.at("a").as_array().size(), 2u);
}

TEST(JsonBody, TrailingGarbageIsRejected) {
    Request req;
    req.headers = {{"Content-Type", "application/json"}};
    req.body = "{} {}";
    EXPECT_THROW(parse_json_body(req), ApiError);
}

// The ApiError parse_json_body throws for `body`, or status 0 when it accepts it.
ApiError json_refusal(std::string body) {
    Request req;
    req.headers = {{"Content-Type", "application/json"}};
    req.body = std::move(body);
    try {
        parse_json_body(req);
    } catch (const ApiError& e) {
        return e;
    }
    return ApiError(0, "", "");
}

std::string nested(std::size_t levels, std::string_view open, std::string_view close) {
    std::string out;
    for (std::size_t i = 0; i < levels; ++i) out += open;
    out += "1";
    for (std::size_t i = 0; i < levels; ++i) out += close;
    return out;
}

std::string repeat(std::string_view s, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

std::string object_of(std::size_t members) {
    std::string out = "{";
    for (std::size_t i = 0; i < members; ++i) out += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":0";
    return out + "}";
}

TEST(JsonBody, ThirtyTwoLevelsAreAcceptedAndTheThirtyThirdIsRefusedWithItsPath) {
    EXPECT_EQ(json_refusal("{\"a\":" + nested(31, "[", "]") + "}").status(), 0u);
    EXPECT_EQ(json_refusal(nested(32, "[", "]")).status(), 0u);

    const ApiError deep = json_refusal("{\"a\":{\"b\":" + nested(31, "[", "]") + "}}");
    EXPECT_EQ(deep.status(), 422u);
    EXPECT_EQ(deep.code(), "VALIDATION_FAILED");
    ASSERT_EQ(deep.details().size(), 1u);
    EXPECT_EQ(deep.details()[0].field, "a.b" + repeat("[0]", 30));
    EXPECT_NE(std::string(deep.what()).find("32 levels"), std::string::npos) << deep.what();

    // A body far deeper than the parser's own stack limit is refused the same way, not as malformed.
    const ApiError deeper = json_refusal(nested(100'000, "[", "]"));
    EXPECT_EQ(deeper.status(), 422u);
    EXPECT_EQ(deeper.details()[0].field, repeat("[0]", 32));
}

TEST(JsonBody, AThousandMembersAreAcceptedAndOneMoreIsRefusedWithItsPath) {
    EXPECT_EQ(json_refusal(object_of(1000)).status(), 0u);
    const ApiError top = json_refusal(object_of(1001));
    EXPECT_EQ(top.status(), 422u);
    ASSERT_EQ(top.details().size(), 1u);
    EXPECT_EQ(top.details()[0].field, "");
    EXPECT_NE(top.details()[0].message.find("1000 members"), std::string::npos);

    const ApiError inner = json_refusal("{\"list\":[{}, {\"profile\":" + object_of(40'000) + "}]}");
    EXPECT_EQ(inner.status(), 422u);
    EXPECT_EQ(inner.details()[0].field, "list[1].profile");
    EXPECT_NE(std::string(inner.what()).find("1000 members"), std::string::npos) << inner.what();
}

TEST(JsonBody, NulInAStringIsRefusedNamingItsPath) {
    const ApiError in_object = json_refusal(R"({"name":"ok","metadata":{"note":"a\u0000b"}})");
    EXPECT_EQ(in_object.status(), 422u);
    ASSERT_EQ(in_object.details().size(), 1u);
    EXPECT_EQ(in_object.details()[0].field, "metadata.note");

    const ApiError in_array = json_refusal(R"({"items":[{"v":"x"},{"v":["a","\u0000"]}]})");
    EXPECT_EQ(in_array.details()[0].field, "items[1].v[1]");

    const ApiError in_key = json_refusal(R"({"specifications":{"a\u0000":"x"}})");
    EXPECT_EQ(in_key.status(), 422u);
    EXPECT_EQ(in_key.details()[0].field, "specifications");

    EXPECT_EQ(json_refusal(R"("\u0000")").details()[0].field, "");
    // A long string with escapes reaches the handler in parts; the NUL at its end is still found.
    EXPECT_EQ(json_refusal("{\"a\":\"" + std::string(100'000, 'x') + "\\n\\u0000\"}").details()[0].field, "a");
}

TEST(JsonBody, InvalidUtf8AndLoneSurrogatesAreMalformed) {
    EXPECT_EQ(json_refusal("{\"a\":\"\xff\"}").status(), 400u);
    EXPECT_EQ(json_refusal("{\"a\":\"\xed\xa0\x80\"}").status(), 400u);
    EXPECT_EQ(json_refusal(R"({"a":"\ud800"})").status(), 400u);
    EXPECT_EQ(json_refusal(R"({"a":"\udc00x"})").status(), 400u);
    EXPECT_EQ(json_refusal(R"({"a":"\ud83d\ude00"})").status(), 0u);
}

TEST(JsonBody, BuildsTheSameValueAsBoostJson) {
    std::string long_key(20'000, 'k');
    long_key += "\\t\\u00e9";
    const std::string text = R"({"a":[1,-2,3.5,18446744073709551615,true,false,null,"s\"\\"],)"
                             R"("b":{"c":{"d":[[],{}]}},"e":"\u20ac\ud83d\ude00",")" +
                             long_key + R"(":"v","a":"last wins"})";
    Request req;
    req.headers = {{"Content-Type", "application/json"}};
    req.body = text;
    parse_json_body(req);
    EXPECT_EQ(boost::json::serialize(req.json), boost::json::serialize(boost::json::parse(text)));
}

TEST(InputText, PathWithNulOrInvalidUtf8IsNotFound) {
    for (std::string path : {std::string("/api/v1/categories/\xff"), std::string("/api/v1/categories/a\0b", 22),
                             std::string("/x/\xc0\xaf")}) {
        Request req;
        req.path = path;
        try {
            check_input_text(req);
            FAIL() << "expected 404";
        } catch (const ApiError& e) {
            EXPECT_EQ(e.status(), 404u);
        }
    }
    Request ok;
    ok.path = "/api/v1/categories/\xe0\xa4\x95";  // Devanagari KA
    EXPECT_NO_THROW(check_input_text(ok));
}

TEST(InputText, QueryParameterWithNulOrInvalidUtf8IsNamed) {
    Request req;
    req.path = "/api/v1/products";
    req.query = {{"limit", "5"}, {"category", std::string("a\0", 2)}};
    try {
        check_input_text(req);
        FAIL() << "expected 422";
    } catch (const ApiError& e) {
        EXPECT_EQ(e.status(), 422u);
        ASSERT_EQ(e.details().size(), 1u);
        EXPECT_EQ(e.details()[0].field, "category");
    }
    req.query = {{"q\xff", "x"}};
    try {
        check_input_text(req);
        FAIL() << "expected 422";
    } catch (const ApiError& e) {
        EXPECT_EQ(e.status(), 422u);
        EXPECT_EQ(e.details()[0].field, "q%FF");
    }
    req.query = {{"q", "\xe2\x82\xac"}};
    EXPECT_NO_THROW(check_input_text(req));
}

TEST(RequestId, EchoesSaneIdsAndReplacesOthers) {
    EXPECT_EQ(request_id_for("abc-123"), "abc-123");
    EXPECT_EQ(request_id_for("").size(), 24u);
    EXPECT_EQ(request_id_for("bad id\r\nX-Injected: 1").size(), 24u);
    EXPECT_EQ(request_id_for(std::string(129, 'a')).size(), 24u);
}

TEST(Cors, PreflightForAllowedOriginIsAnswered) {
    Cors cors({"https://app.example.com"});
    Request req;
    req.method = Method::options;
    req.headers = {{"Origin", "https://app.example.com"}, {"Access-Control-Request-Method", "POST"}};
    auto res = cors.preflight(req);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 204u);
    EXPECT_NE(res->headers.get("Access-Control-Allow-Methods").find("POST"), std::string_view::npos);
    cors.apply(req, *res);
    EXPECT_EQ(res->headers.get("Access-Control-Allow-Origin"), "https://app.example.com");
    EXPECT_EQ(res->headers.get("Vary"), "Access-Control-Request-Method, Access-Control-Request-Headers");
}

TEST(Cors, PreflightForOtherOriginIsRefused) {
    Cors cors({"https://app.example.com"});
    Request req;
    req.method = Method::options;
    req.headers = {{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "POST"}};
    EXPECT_THROW(cors.preflight(req), ApiError);
}

}  // namespace
}  // namespace superapp::platform::http::middleware
