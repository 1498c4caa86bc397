#include "platform/http/pipeline.hpp"

#include "platform/http/middleware/access_log.hpp"
#include "platform/http/middleware/client_ip.hpp"
#include "platform/http/middleware/etag.hpp"
#include "platform/http/middleware/gzip.hpp"
#include "platform/http/middleware/input_text.hpp"
#include "platform/http/middleware/json_body.hpp"
#include "platform/http/middleware/request_id.hpp"
#include "platform/http/middleware/security_headers.hpp"
#include "platform/http/problem.hpp"

namespace superapp::platform::http {

namespace asio = boost::asio;

bool role_allows(Role have, Role need) { return static_cast<int>(have) >= static_cast<int>(need); }

Pipeline::Pipeline(const Router& router, middleware::Cors cors, Metrics& metrics, Authenticator* authenticator,
                   bool trust_proxy)
    : router_(router),
      cors_(std::move(cors)),
      metrics_(metrics),
      authenticator_(authenticator),
      trust_proxy_(trust_proxy) {}

void Pipeline::identify(Request& req) const {
    req.request_id = middleware::request_id_for(req.header("X-Request-Id"));
    if (trust_proxy_) {
        const std::string_view forwarded = req.header("X-Forwarded-For");
        if (!forwarded.empty()) req.client_ip = middleware::forwarded_client_ip(forwarded, req.client_ip);
    }
}

asio::awaitable<Response> Pipeline::handle(Request& req) {
    identify(req);
    ++metrics_.in_flight;
    Response res;
    std::exception_ptr failure;
    try {
        res = co_await dispatch(req);
    } catch (...) {
        failure = std::current_exception();
    }
    if (failure) res = problem_from_exception(failure, req.request_id);
    --metrics_.in_flight;
    finish(req, res);
    co_return res;
}

std::optional<std::size_t> Pipeline::body_limit(Method method, std::string_view path) const {
    const RouteMatch match = router_.match(method, path);
    return match.route ? match.route->max_body_bytes : std::nullopt;
}

BodyKind Pipeline::body_kind(Method method, std::string_view path) const {
    const RouteMatch match = router_.match(method, path);
    return match.route ? match.route->body : BodyKind::json;
}

Response Pipeline::reject(Request& req, const ApiError& error) {
    identify(req);
    Response res = problem_response(error, req.request_id);
    finish(req, res);
    return res;
}

namespace {

std::string allow_header(const std::vector<Method>& allowed) {
    std::string out;
    for (Method m : allowed) {
        if (!out.empty()) out += ", ";
        out += method_name(m);
    }
    return out + ", OPTIONS";
}

}  // namespace

asio::awaitable<Response> Pipeline::dispatch(Request& req) {
    RouteMatch match = router_.match(req.method, req.path);
    if (!match.route && match.allowed.empty()) throw ApiError::not_found("no resource at " + req.path);
    if (auto preflight = cors_.preflight(req)) co_return std::move(*preflight);
    if (!match.route) {
        Response res;
        if (req.method == Method::options) {
            res = Response::no_content();
        } else {
            res = problem_response(ApiError(405, "METHOD_NOT_ALLOWED",
                                            std::string(method_name(req.method)) + " is not allowed on " + req.path),
                                   req.request_id);
        }
        res.headers.set("Allow", allow_header(match.allowed));
        co_return res;
    }
    req.route = match.route;
    req.params = std::move(match.params);

    middleware::check_input_text(req);
    if (match.route->body == BodyKind::json) middleware::parse_json_body(req);

    co_await authorize(req, *match.route);
    co_return co_await match.route->handler(req);
}

asio::awaitable<void> Pipeline::authorize(Request& req, const Route& route) {
    // A route that reads Authorization itself is never authenticated here: it gets no principal, so
    // one that is not Role::anyone is refused below.
    const bool ours = route.authorization == AuthorizationBy::authenticator;
    if (authenticator_ && ours && (route.role != Role::anyone || !req.header("Authorization").empty())) {
        req.principal = co_await authenticator_->authenticate(req);
    }
    if (route.role != Role::anyone) {
        if (!req.principal) throw ApiError::unauthorized();
        if (!role_allows(req.principal->role, route.role))
            throw ApiError::forbidden("this action needs a different role");
    }
}

asio::awaitable<std::optional<ApiError>> Pipeline::refusal_before_body(Request& req) {
    const RouteMatch match = router_.match(req.method, req.path);
    if (!match.route) co_return std::nullopt;
    std::optional<ApiError> refusal;
    try {
        co_await authorize(req, *match.route);
    } catch (const ApiError& e) {
        refusal = e;
    }
    co_return refusal;
}

void Pipeline::finish(Request& req, Response& res) {
    middleware::apply_security_headers(req, res);
    cors_.apply(req, res);
    middleware::apply_etag(req, res);
    middleware::gzip_if_accepted(req, res);
    res.headers.set("X-Request-Id", req.request_id);

    const auto elapsed =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - req.received_at);
    metrics_.record(req.route ? std::string_view(req.route->pattern) : std::string_view("unmatched"), req.method,
                    res.status, elapsed);
    middleware::write_access_log(req, res, elapsed);
}

}  // namespace superapp::platform::http
