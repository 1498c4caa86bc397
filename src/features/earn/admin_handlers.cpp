// The admin's earn routes: projects and the review queue.
#include <algorithm>

#include "features/earn/handlers.hpp"
#include "features/earn/responses.hpp"

namespace superapp::features::earn {

namespace asio = boost::asio;
namespace json = boost::json;
using platform::core::MoneyRule;
using platform::core::QueryValidator;
using platform::core::Validator;
using platform::http::Request;
using platform::http::Response;

namespace {

constexpr std::size_t kMaxProducts = 20;
const MoneyRule kPositive{.min = Money::from_paise(1)};

// Also checked by db/migrations/0050_earn.sql: ^[a-z][a-z0-9_]{0,39}$ (the length by the validator).
bool is_category_name(const std::string& name) {
    if (name.empty() || name[0] < 'a' || name[0] > 'z') return false;
    return std::all_of(name.begin(), name.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

// `requirements` as a whole: given, it replaces every requirement (absent ones are cleared).
void read_requirements(Validator& v, ProjectChanges& c) {
    auto r = v.optional_object("requirements");
    if (!r) return;
    const auto min_words = r->optional_int("minWords", 1, 1000);
    const auto min_duration = r->optional_int("minDuration", 1, 3600);
    c.min_words = min_words ? std::optional<int>(static_cast<int>(*min_words)) : std::nullopt;
    c.min_duration = min_duration ? std::optional<int>(static_cast<int>(*min_duration)) : std::nullopt;
    c.location = r->optional_string("location", {.min = 1, .max = 100});
    std::vector<std::string> products;
    const auto ids = r->optional_string_array("products", {.max_items = kMaxProducts, .unique = true});
    for (std::size_t i = 0; ids && i < ids->size(); ++i) {
        const auto id = platform::core::ObjectId::parse((*ids)[i]);
        if (id) {
            products.push_back(id->to_string());
        } else {
            r->fail("products[" + std::to_string(i) + "]", "must be a 24-character hex id");
        }
    }
    c.products = std::move(products);
}

// A new project (`create`: the required fields must be there) or an edit (every field optional).
ProjectChanges read_changes(const json::value& body, bool create) {
    Validator v(body);
    ProjectChanges c;
    const platform::core::StringRule title{.min = 1, .max = 200};
    const platform::core::StringRule description{.min = 1, .max = 5000, .multiline = true};
    const platform::core::StringRule category{.min = 1, .max = 40};
    if (create) {
        c.title = v.required_string("title", title);
        c.description = v.required_string("description", description);
        c.category = v.required_string("category", category);
        c.type = v.required_enum("type", kProjectTypes);
    } else {
        c.title = v.optional_string("title", title);
        c.description = v.optional_string("description", description);
        c.category = v.optional_string("category", category);
        c.type = v.optional_enum("type", kProjectTypes);
    }
    if (c.category && !c.category->empty() && !is_category_name(*c.category)) {
        v.fail("category", "must be lowercase letters, digits and _, starting with a letter");
    }
    read_requirements(v, c);
    if (create) {
        c.reward = v.required_money("reward.amount", kPositive);
    } else {
        c.reward = v.optional_money("reward.amount", kPositive);
    }
    v.optional_enum("reward.currency", {"INR"});
    if (const auto multiplier = v.optional_number("reward.bonusMultiplier")) {
        c.multiplier_bp = multiplier_bp(*multiplier);
        if (!c.multiplier_bp)
            v.fail("reward.bonusMultiplier", "must be above 0 and at most 10, with at most 4 decimals");
    }
    if (const auto max = v.optional_int("limits.maxCompletions", 1, 1000)) c.max_completions = static_cast<int>(*max);
    if (create) {
        c.total_budget = v.required_money("limits.totalBudget", kPositive);
        c.expiry_date = v.required_timestamp("limits.expiryDate");
    } else {
        c.total_budget = v.optional_money("limits.totalBudget", kPositive);
        c.expiry_date = v.optional_timestamp("limits.expiryDate");
    }
    if (c.expiry_date && *c.expiry_date <= platform::core::now()) v.fail("limits.expiryDate", "must be in the future");
    c.status = v.optional_enum("status", {"active", "paused"});
    v.finish();
    return c;
}

asio::awaitable<Response> create_project(EarnService& earn, Request& req) {
    ProjectChanges changes = read_changes(req.json, true);
    const Project p = co_await earn.create_project(req.principal->user_id, std::move(changes));
    co_return Response::private_json(project_json(p), 201);
}

asio::awaitable<Response> update_project(EarnService& earn, Request& req) {
    const std::string id = path_id(req, "project");
    ProjectChanges changes = read_changes(req.json, false);
    co_return Response::private_json(project_json(co_await earn.update_project(id, std::move(changes))));
}

asio::awaitable<Response> projects(EarnService& earn, Request& req) {
    QueryValidator v(req.query);
    ListFilter filter;
    filter.status = v.optional_enum("status", kProjectStatuses);
    read_page(v, filter);
    v.finish();
    const Page<Project> page = co_await earn.projects(filter);
    co_return Response::private_json(projects_json(page));
}

asio::awaitable<Response> project(EarnService& earn, Request& req) {
    const std::string id = path_id(req, "project");
    const Project p = co_await earn.project(id);
    co_return Response::private_json(project_json(p));
}

asio::awaitable<Response> review_queue(EarnService& earn, Request& req) {
    QueryValidator v(req.query);
    ListFilter filter;
    filter.status = v.optional_enum("status", kCompletionStatuses);
    if (const auto project = v.optional_object_id("project")) filter.project_id = project->to_string();
    read_page(v, filter);
    v.finish();
    co_return Response::private_json(completions_json(co_await earn.review_queue(filter)));
}

asio::awaitable<Response> review(EarnService& earn, Request& req) {
    const std::string id = path_id(req, "completion");
    Validator v(req.json);
    const std::string status = v.required_enum("status", {"approved", "rejected"});
    auto reason = v.optional_string("reason", {.min = 1, .max = 500, .multiline = true});
    if (status == "rejected" && !v.has("reason")) v.fail("reason", "is required when rejecting");
    v.finish();
    const Completion c = co_await earn.review(req.principal->user_id, id, status == "approved", std::move(reason));
    co_return Response::private_json(completion_json(c));
}

}  // namespace

Handler handle_create_project(EarnService& earn) {
    return [&earn](Request& req) { return create_project(earn, req); };
}
Handler handle_update_project(EarnService& earn) {
    return [&earn](Request& req) { return update_project(earn, req); };
}
Handler handle_admin_projects(EarnService& earn) {
    return [&earn](Request& req) { return projects(earn, req); };
}
Handler handle_admin_project(EarnService& earn) {
    return [&earn](Request& req) { return project(earn, req); };
}
Handler handle_review_queue(EarnService& earn) {
    return [&earn](Request& req) { return review_queue(earn, req); };
}
Handler handle_review(EarnService& earn) {
    return [&earn](Request& req) { return review(earn, req); };
}

}  // namespace superapp::features::earn
