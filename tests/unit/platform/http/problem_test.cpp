#include "platform/http/problem.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "platform/http/api_error.hpp"
#include "platform/http/rate_limit.hpp"

namespace superapp::platform::http {
namespace {

boost::json::object body_of(const Response& res) { return boost::json::parse(res.body).as_object(); }

TEST(ProblemJson, CarriesStatusTitleCodeDetailAndRequestId) {
    Response res = problem_response(ApiError::not_found("no such store"), "req-1");
    EXPECT_EQ(res.status, 404u);
    EXPECT_EQ(res.headers.get("Content-Type"), "application/problem+json");
    auto body = body_of(res);
    EXPECT_EQ(body["type"], "about:blank");
    EXPECT_EQ(body["title"], "Not Found");
    EXPECT_EQ(body["status"], 404);
    EXPECT_EQ(body["code"], "NOT_FOUND");
    EXPECT_EQ(body["detail"], "no such store");
    EXPECT_EQ(body["requestId"], "req-1");
    EXPECT_FALSE(body.contains("errors"));
}

TEST(ProblemJson, ValidationFailureListsEveryField) {
    try {
        throw core::ValidationFailed({{"quantity", "must be an integer from 1 to 99"}, {"name", "is required"}});
    } catch (...) {
        Response res = problem_from_exception(std::current_exception(), "r");
        EXPECT_EQ(res.status, 422u);
        auto body = body_of(res);
        EXPECT_EQ(body["code"], "VALIDATION_FAILED");
        EXPECT_EQ(body["detail"], "2 fields are invalid");
        auto& errors = body["errors"].as_array();
        ASSERT_EQ(errors.size(), 2u);
        EXPECT_EQ(errors[0].as_object().at("field"), "quantity");
        EXPECT_EQ(errors[1].as_object().at("message"), "is required");
    }
}

TEST(ProblemJson, ListsAtMostFiftyFieldErrorsAndCountsTheRest) {
    std::vector<core::FieldError> errors;
    for (int i = 0; i < 100'000; ++i)
        errors.push_back({"k" + std::to_string(i), "is not a field that can be changed here"});
    try {
        throw core::ValidationFailed(std::move(errors));
    } catch (...) {
        Response res = problem_from_exception(std::current_exception(), "r");
        EXPECT_EQ(res.status, 422u);
        EXPECT_LT(res.body.size(), 8'000u);
        auto body = body_of(res);
        EXPECT_EQ(body["detail"], "100000 fields are invalid");
        auto& listed = body["errors"].as_array();
        ASSERT_EQ(listed.size(), kMaxListedFieldErrors);
        EXPECT_EQ(listed[0].as_object().at("field"), "k0");
        EXPECT_EQ(listed[49].as_object().at("field"), "k49");
        EXPECT_EQ(body["omittedErrors"], 100'000 - 50);
    }
}

TEST(ProblemJson, FiftyFieldErrorsAreAllListedWithoutOmittedErrors) {
    std::vector<core::FieldError> errors(50, core::FieldError{"f", "m"});
    auto body = body_of(problem_response(ApiError(422, "VALIDATION_FAILED", "50 fields are invalid", errors), "r"));
    EXPECT_EQ(body["errors"].as_array().size(), 50u);
    EXPECT_FALSE(body.contains("omittedErrors"));
}

TEST(ProblemJson, UnauthorizedAsksForBearerToken) {
    Response res = problem_response(ApiError::unauthorized(), "r");
    EXPECT_EQ(res.headers.get("WWW-Authenticate"), "Bearer");
}

TEST(ProblemJson, RateLimitedCarriesRetryAfterAndRateLimitHeaders) {
    try {
        throw RateLimited("at most 5 comments a minute", std::chrono::seconds(42),
                          {.limit = 5, .remaining = 0, .reset = std::chrono::seconds(42)});
    } catch (...) {
        Response res = problem_from_exception(std::current_exception(), "r");
        EXPECT_EQ(res.status, 429u);
        EXPECT_EQ(body_of(res)["code"], "RATE_LIMITED");
        EXPECT_EQ(res.headers.get("Retry-After"), "42");
        EXPECT_EQ(res.headers.get("RateLimit-Limit"), "5");
        EXPECT_EQ(res.headers.get("RateLimit-Remaining"), "0");
        EXPECT_EQ(res.headers.get("RateLimit-Reset"), "42");
    }
}

TEST(ProblemJson, UnexpectedExceptionBecomesGeneric500WithoutDetail) {
    try {
        throw std::runtime_error("secret SQL text: SELECT * FROM users");
    } catch (...) {
        Response res = problem_from_exception(std::current_exception(), "r");
        EXPECT_EQ(res.status, 500u);
        EXPECT_EQ(res.body.find("SELECT"), std::string::npos);
        EXPECT_EQ(body_of(res)["code"], "INTERNAL");
    }
}

TEST(ProblemJson, StatusTitlesFollowTheRfcs) {
    EXPECT_EQ(status_title(413), "Content Too Large");
    EXPECT_EQ(status_title(422), "Unprocessable Entity");
    EXPECT_EQ(status_title(599), "Unknown");
}

}  // namespace
}  // namespace superapp::platform::http
