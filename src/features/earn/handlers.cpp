// The signed-in user's earn routes.
#include "features/earn/handlers.hpp"

#include <cctype>

#include "features/earn/responses.hpp"
#include "platform/http/api_error.hpp"
#include "platform/http/file_body.hpp"
#include "platform/http/middleware/json_body.hpp"

namespace superapp::features::earn {

namespace asio = boost::asio;
namespace json = boost::json;
namespace multipart = platform::http::multipart;
using platform::core::FieldValidator;
using platform::core::QueryValidator;
using platform::core::Validator;
using platform::http::ApiError;
using platform::http::Request;
using platform::http::Response;

namespace {

const std::string& user_id(const Request& req) { return req.principal->user_id; }

json::object money_figures(std::int64_t approved, Money earned) {
    return {{"approved", approved}, {"earned", earned.to_json()}};
}

asio::awaitable<Response> available(EarnService& earn, Request& req) {
    QueryValidator v(req.query);
    ListFilter filter;
    filter.category = v.optional_string("category", {.min = 1, .max = 40});
    filter.type = v.optional_enum("type", kProjectTypes);
    read_page(v, filter);
    v.finish();
    const auto page = co_await earn.available(user_id(req), filter);
    co_return Response::private_json(projects_json(page));
}

asio::awaitable<Response> project(EarnService& earn, Request& req) {
    const ProjectView view = co_await earn.project_for(user_id(req), path_id(req, "project"));
    json::object body = project_json(view.project);
    body["canComplete"] = !view.refusal;
    body["refusal"] = view.refusal ? json::value{{"code", view.refusal->code}, {"message", view.refusal->message}}
                                   : json::value(nullptr);
    co_return Response::private_json(body);
}

void read_submission_fields(FieldValidator& v, Submission& s) {
    s.content = v.optional_string("content", {.min = 1, .max = 5000, .multiline = true});
    if (const auto rating = v.optional_int("rating", 1, 5)) s.rating = static_cast<int>(*rating);
}

bool is_multipart(std::string_view content_type) {
    constexpr std::string_view kMultipart = "multipart/";
    if (content_type.size() < kMultipart.size()) return false;
    for (std::size_t i = 0; i < kMultipart.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(content_type[i])) != kMultipart[i]) return false;
    }
    return true;
}

constexpr std::size_t kMaxJsonBytes = 1024 * 1024;

// A JSON body, or multipart/form-data whose file field is `file` and whose text fields are read
// as a query string's. The body arrives on disk (the route streams it there); a JSON one is read
// back into memory, a form is split into its parts on disk.
asio::awaitable<Submission> read_submission(EarnService& earn, Request& req) {
    Submission s;
    if (!is_multipart(req.header("Content-Type"))) {
        co_await platform::http::load_file_body(req, kMaxJsonBytes);
        platform::http::middleware::parse_json_body(req);
        Validator v(req.json);
        read_submission_fields(v, s);
        v.finish();
        co_return s;
    }
    const multipart::Limits limits{.max_parts = 8, .max_total_bytes = max_submission_request_bytes(earn.settings())};
    multipart::SpooledForm form = co_await platform::http::split_file_body(req, earn.incoming_dir(), limits);
    for (auto& part : form.files) {
        if (part.name != "file") continue;
        if (s.file) throw ApiError::invalid_field("file", "must be sent once");
        s.file = part.file;
    }
    QueryValidator v(form.fields);
    read_submission_fields(v, s);
    v.finish();
    co_return s;
}

asio::awaitable<Response> complete(EarnService& earn, Request& req) {
    const std::string id = path_id(req, "project");
    Submission s = co_await read_submission(earn, req);
    const Completion c = co_await earn.submit(user_id(req), id, std::move(s));
    co_return Response::private_json(completion_json(c), 201);
}

asio::awaitable<Response> history(EarnService& earn, Request& req) {
    QueryValidator v(req.query);
    ListFilter filter;
    filter.status = v.optional_enum("status", kCompletionStatuses);
    read_page(v, filter);
    v.finish();
    co_return Response::private_json(completions_json(co_await earn.history(user_id(req), filter)));
}

asio::awaitable<Response> stats(EarnService& earn, Request& req) {
    const Stats s = co_await earn.stats(user_id(req));
    json::array categories;
    for (const auto& c : s.by_category) {
        categories.push_back(json::object{{"category", c.category},
                                          {"completions", c.completions},
                                          {"approved", c.approved},
                                          {"earned", c.earned.to_json()}});
    }
    co_return Response::private_json(
        json::object{{"totalEarned", s.total_earned.to_json()},
                     {"pendingAmount", s.pending_amount.to_json()},
                     {"counts",
                      {{"pending", s.pending},
                       {"approved", s.approved},
                       {"rejected", s.rejected},
                       {"total", s.pending + s.approved + s.rejected}}},
                     {"byCategory", std::move(categories)},
                     {"thisMonth", money_figures(s.this_month.approved, s.this_month.earned)},
                     {"lastMonth", money_figures(s.last_month.approved, s.last_month.earned)}});
}

}  // namespace

Handler handle_available(EarnService& earn) {
    return [&earn](Request& req) { return available(earn, req); };
}
Handler handle_project(EarnService& earn) {
    return [&earn](Request& req) { return project(earn, req); };
}
Handler handle_complete(EarnService& earn) {
    return [&earn](Request& req) { return complete(earn, req); };
}
Handler handle_history(EarnService& earn) {
    return [&earn](Request& req) { return history(earn, req); };
}
Handler handle_stats(EarnService& earn) {
    return [&earn](Request& req) { return stats(earn, req); };
}

}  // namespace superapp::features::earn
