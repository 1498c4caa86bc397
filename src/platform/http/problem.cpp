#include "platform/http/problem.hpp"

#include <algorithm>
#include <boost/json/value.hpp>

#include "platform/core/log.hpp"
#include "platform/db/error.hpp"
#include "platform/http/api_error.hpp"
#include "platform/http/rate_limit.hpp"

namespace superapp::platform::http {

std::string_view status_title(unsigned status) {
    switch (status) {
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 402: return "Payment Required";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 406: return "Not Acceptable";
        case 408: return "Request Timeout";
        case 409: return "Conflict";
        case 410: return "Gone";
        case 411: return "Length Required";
        case 412: return "Precondition Failed";
        case 413: return "Content Too Large";
        case 415: return "Unsupported Media Type";
        case 416: return "Range Not Satisfiable";
        case 422: return "Unprocessable Entity";
        case 429: return "Too Many Requests";
        case 431: return "Request Header Fields Too Large";
        case 500: return "Internal Server Error";
        case 501: return "Not Implemented";
        case 502: return "Bad Gateway";
        case 503: return "Service Unavailable";
        case 504: return "Gateway Timeout";
        default: return "Unknown";
    }
}

namespace {

// The problem+json answer; `details` may be long: at most kMaxListedFieldErrors are listed.
Response problem_of(unsigned status, std::string_view code, std::string_view detail,
                    const std::vector<core::FieldError>& details, std::string_view request_id) {
    boost::json::object body;
    body["type"] = "about:blank";
    body["title"] = status_title(status);
    body["status"] = status;
    body["code"] = code;
    body["detail"] = detail;
    if (!details.empty()) {
        // A bounded answer however many fields were wrong: the first ones say what to fix.
        const std::size_t listed = std::min(details.size(), kMaxListedFieldErrors);
        boost::json::array errors;
        errors.reserve(listed);
        for (std::size_t i = 0; i < listed; ++i) {
            errors.push_back(boost::json::object{{"field", details[i].field}, {"message", details[i].message}});
        }
        body["errors"] = std::move(errors);
        if (details.size() > listed) body["omittedErrors"] = details.size() - listed;
    }
    body["requestId"] = request_id;
    Response res = Response::json(body, status);
    res.headers.set("Content-Type", kProblemType);
    if (status == 401) res.headers.set("WWW-Authenticate", "Bearer");
    return res;
}

// Straight from the exception: its errors are not copied, however many there are.
Response validation_problem(const core::ValidationFailed& failed, std::string_view request_id) {
    const auto n = failed.errors().size();
    const std::string detail = n == 1 ? "1 field is invalid" : std::to_string(n) + " fields are invalid";
    return problem_of(422, "VALIDATION_FAILED", detail, failed.errors(), request_id);
}

}  // namespace

Response problem_response(const ApiError& error, std::string_view request_id) {
    return problem_of(error.status(), error.code(), error.what(), error.details(), request_id);
}

Response problem_from_exception(std::exception_ptr error, std::string_view request_id) {
    try {
        std::rethrow_exception(error);
    } catch (const RateLimited& e) {
        Response res = problem_response(e, request_id);
        res.headers.set("Retry-After", std::to_string(e.retry_after().count()));
        set_rate_limit_headers(res.headers, e.rate());
        return res;
    } catch (const ApiError& e) {
        return problem_response(e, request_id);
    } catch (const core::ValidationFailed& e) {
        return validation_problem(e, request_id);
    } catch (const db::DbError& e) {
        if (e.kind == db::DbError::Kind::unavailable || e.kind == db::DbError::Kind::timeout) {
            core::log::warn("database unavailable", {{"requestId", request_id}, {"error", e.what()}});
            auto res = problem_response(
                ApiError(503, "DEPENDENCY_UNAVAILABLE", "the database is unavailable, try again shortly"), request_id);
            res.headers.set("Retry-After", "1");
            return res;
        }
        core::log::error("database error", {{"requestId", request_id}, {"error", e.what()}, {"sqlstate", e.sqlstate}});
    } catch (const std::exception& e) {
        core::log::error("unhandled exception", {{"requestId", request_id}, {"error", e.what()}});
    } catch (...) {
        core::log::error("unhandled exception", {{"requestId", request_id}, {"error", "non-standard exception"}});
    }
    return problem_response(ApiError(500, "INTERNAL", "an unexpected error occurred"), request_id);
}

}  // namespace superapp::platform::http
