#include <gtest/gtest.h>

#include <boost/json/value.hpp>

#include "platform/http/api_error.hpp"
#include "platform/http/middleware/cors.hpp"
#include "platform/http/middleware/etag.hpp"
#include "platform/http/middleware/gzip.hpp"
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
