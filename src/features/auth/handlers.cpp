#include "features/auth/handlers.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "platform/core/validation.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/rate_limit.hpp"

namespace superapp::features::auth {

namespace asio = boost::asio;
using platform::core::QueryValidator;
using platform::core::Validator;
using platform::http::ApiError;
using platform::http::Request;
using platform::http::Response;

namespace {

constexpr std::string_view kBadPhone = "must be a mobile number such as +91 98765 43210";

std::string read_phone(Validator& v, const AuthService& auth) {
    const std::string raw = v.required_string("phoneNumber", {.min = 1, .max = 32});
    if (!v.ok()) return {};
    auto phone = auth.normalize(raw);
    if (!phone) {
        v.fail("phoneNumber", std::string(kBadPhone));
        return {};
    }
    return std::move(*phone);
}

Response refused(const OtpRefused& error, const Request& req) {
    Response res = platform::http::problem_response(error, req.request_id);
    if (error.retry_after()) res.headers.set("Retry-After", std::to_string(error.retry_after()->count()));
    if (error.rate()) platform::http::set_rate_limit_headers(res.headers, *error.rate());
    return res;
}

Response no_store(Response res) {
    res.headers.set("Cache-Control", "no-store");
    return res;
}

boost::json::object token_json(const Tokens& tokens) {
    return {{"accessToken", tokens.access_token},
            {"refreshToken", tokens.refresh_token},
            {"tokenType", "Bearer"},
            {"expiresIn", tokens.expires_in.count()}};
}

asio::awaitable<Response> send_otp(AuthService& auth, Request& req) {
    Validator v(req.json);
    const std::string phone = read_phone(v, auth);
    v.finish();

    std::optional<OtpRefused> refusal;
    OtpSent sent;
    try {
        sent = co_await auth.send_otp(phone, req.client_ip);
    } catch (const OtpRefused& e) {
        refusal = e;
    }
    if (refusal) co_return refused(*refusal, req);
    Response res = no_store(Response::json(boost::json::object{{"message", "code sent"},
                                                               {"phoneNumber", phone},
                                                               {"expiresIn", sent.expires_in.count()},
                                                               {"resendIn", sent.resend_in.count()}}));
    platform::http::set_rate_limit_headers(res.headers, sent.rate);
    co_return res;
}

asio::awaitable<Response> verify_otp(AuthService& auth, Request& req) {
    Validator v(req.json);
    const std::string phone = read_phone(v, auth);
    const std::string code = v.required_string("otp", {.min = 1, .max = 16});
    if (v.has("otp") && !code.empty() && !otp::is_code(code)) v.fail("otp", "must be 6 digits");
    v.finish();

    std::optional<OtpRefused> refusal;
    Login login;
    try {
        login = co_await auth.verify_otp(phone, code);
    } catch (const OtpRefused& e) {
        refusal = e;
    }
    if (refusal) co_return refused(*refusal, req);
    boost::json::object body = token_json(login.tokens);
    body["user"] = users::user_json(login.user);
    body["isNewUser"] = login.is_new_user;
    co_return no_store(Response::json(body));
}

asio::awaitable<Response> refresh(AuthService& auth, Request& req) {
    Validator v(req.json);
    const std::string token = v.required_string("refreshToken", {.min = 1, .max = 512});
    v.finish();
    co_return no_store(Response::json(token_json(co_await auth.refresh(token))));
}

asio::awaitable<Response> logout(AuthService& auth, Request& req) {
    std::optional<std::string> token;
    if (!req.json.is_null()) {
        Validator v(req.json);
        token = v.optional_string("refreshToken", {.min = 1, .max = 512});
        v.finish();
    }
    if (!token && !req.principal) {
        throw ApiError::unauthorized("send the refresh token in the body or the access token as a bearer token");
    }
    co_await auth.logout(token, req.principal);
    co_return Response::no_content();
}

asio::awaitable<Response> list_users(users::UsersService& users, Request& req) {
    QueryValidator v(req.query);
    users::ListFilter filter;
    filter.search = v.optional_string("q", {.min = 1, .max = 50});
    const auto role = v.optional_enum("role", {"user", "merchant", "admin"});
    filter.limit = static_cast<int>(v.optional_int("limit", 1, 100).value_or(20));
    filter.cursor = v.optional_string("cursor", {.min = 1, .max = 200});
    v.finish();
    if (role) filter.role = users::parse_role(*role);

    const users::Page page = co_await users.list(filter);
    boost::json::array items;
    items.reserve(page.items.size());
    for (const auto& user : page.items) items.emplace_back(users::user_json(user));
    co_return no_store(Response::json(boost::json::object{
        {"items", std::move(items)},
        {"nextCursor", page.next_cursor ? boost::json::value(*page.next_cursor) : boost::json::value(nullptr)}}));
}

asio::awaitable<Response> set_role(AuthService& auth, users::UsersService& users, Request& req) {
    Validator v(req.json);
    const std::string role_name = v.required_enum("role", {"user", "merchant", "admin"});
    v.finish();
    const users::Role role = users::parse_role(role_name).value_or(users::Role::user);
    const std::string id(req.param("id"));
    if (req.principal && req.principal->user_id == id && role != users::Role::admin) {
        throw ApiError::conflict("an admin cannot take away their own admin role", "OWN_ROLE");
    }
    const users::Account account = co_await auth.change_role(id, role);
    auto user = co_await users.user(account.id);
    if (!user) throw ApiError::not_found("no user with this id");
    co_return Response::json(users::user_json(*user));
}

}  // namespace

Handler handle_send_otp(AuthService& auth) {
    return [&auth](Request& req) { return send_otp(auth, req); };
}
Handler handle_verify_otp(AuthService& auth) {
    return [&auth](Request& req) { return verify_otp(auth, req); };
}
Handler handle_refresh(AuthService& auth) {
    return [&auth](Request& req) { return refresh(auth, req); };
}
Handler handle_logout(AuthService& auth) {
    return [&auth](Request& req) { return logout(auth, req); };
}
Handler handle_list_users(users::UsersService& users) {
    return [&users](Request& req) { return list_users(users, req); };
}
Handler handle_set_role(AuthService& auth, users::UsersService& users) {
    return [&auth, &users](Request& req) { return set_role(auth, users, req); };
}

}  // namespace superapp::features::auth
