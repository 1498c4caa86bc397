#include "features/earn/service.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "features/earn/json.hpp"
#include "platform/core/config.hpp"
#include "platform/core/object_id.hpp"
#include "platform/core/periodic_job.hpp"
#include "platform/http/api_error.hpp"

namespace superapp::features::earn {

namespace asio = boost::asio;
using platform::core::FieldError;
using platform::core::ObjectId;
using platform::core::ValidationFailed;
using platform::http::ApiError;

namespace {

constexpr int kMaxLimit = 100;

template <class T>
void set_if(const std::optional<T>& source, T& target) {
    if (source) target = *source;
}

// Merges the changes into the project and recomputes its payout.
void apply(Project& p, const ProjectChanges& c) {
    set_if(c.title, p.title);
    set_if(c.description, p.description);
    set_if(c.category, p.category);
    set_if(c.type, p.type);
    set_if(c.min_words, p.requirements.min_words);
    set_if(c.min_duration, p.requirements.min_duration);
    set_if(c.location, p.requirements.location);
    set_if(c.products, p.requirements.products);
    set_if(c.reward, p.reward);
    set_if(c.multiplier_bp, p.bonus_multiplier_bp);
    set_if(c.max_completions, p.max_completions);
    set_if(c.total_budget, p.total_budget);
    set_if(c.expiry_date, p.expiry_date);
    p.payout = reward_payout(p.reward, p.bonus_multiplier_bp);
}

void check(const Project& p) {
    auto errors = check_project(p);
    if (!errors.empty()) throw ValidationFailed(std::move(errors));
}

// Fetches one more row than a page holds: its presence says there is a next page.
int fetch_limit(const ListFilter& filter) { return std::clamp(filter.limit, 1, kMaxLimit) + 1; }

template <class T>
Page<T> page_of(std::vector<T> items, int fetched) {
    Page<T> page;
    if (static_cast<int>(items.size()) == fetched) {
        items.pop_back();
        page.next_cursor = platform::core::encode_cursor({items.back().created_at, items.back().id});
    }
    page.items = std::move(items);
    return page;
}

// One project's edit in its transaction: the row is locked, so approvals of it wait.
asio::awaitable<Project> edit_in(platform::db::Tx& tx, const std::string& id, const ProjectChanges& changes) {
    auto found = co_await EarnRepository::lock_project(tx, id);
    if (!found) throw ApiError::not_found("no project with this id");
    Project p = std::move(*found);
    apply(p, changes);
    check(p);
    p.status = status_after_edit(p, changes.status, platform::core::now());
    if (changes.status == "active" && p.status == "expired") {
        throw ApiError::conflict("the project has expired: give a later limits.expiryDate to reopen it",
                                 "PROJECT_EXPIRED");
    }
    if (changes.status == "active" && p.status == "completed") {
        throw ApiError::conflict("the budget left cannot pay another reward: raise limits.totalBudget to reopen it",
                                 "BUDGET_EXHAUSTED");
    }
    co_return co_await EarnRepository::update_project(tx, p);
}

}  // namespace

EarnSettings load_settings(const platform::core::Env& env) {
    EarnSettings s;
    platform::core::EnvReader reader(env);
    constexpr long long kGiB = 1024LL * 1024 * 1024;
    reader.integer("EARN_MAX_IMAGE_BYTES", s.max_image_bytes, 1024, kGiB);
    reader.integer("EARN_MAX_VIDEO_BYTES", s.max_video_bytes, 1024, kGiB);
    reader.millis("EARN_EXPIRY_SWEEP_MS", s.expiry_sweep, 100, 86'400'000);
    reader.throw_if_invalid();
    return s;
}

std::size_t max_submission_request_bytes(const EarnSettings& settings) {
    return std::max(settings.max_image_bytes, settings.max_video_bytes) + 64 * 1024;
}

EarnService::EarnService(platform::db::Database& db, users::UsersService& users, catalog::CatalogService& catalog,
                         media::MediaService& media, notifications::NotificationsService& notifications,
                         platform::realtime::EventPublisher& events, EarnSettings settings)
    : db_(db),
      repo_(db),
      users_(users),
      catalog_(catalog),
      media_(media),
      notifications_(notifications),
      events_(events),
      settings_(settings) {}

asio::awaitable<void> EarnService::check_products(const std::vector<std::string>& ids) {
    std::vector<FieldError> errors;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        bool found = true;
        try {
            co_await catalog_.product(ids[i], {});
        } catch (const ApiError& e) {
            if (e.status() != 404) throw;
            found = false;
        }
        if (!found) errors.push_back({"requirements.products[" + std::to_string(i) + "]", "names no product"});
    }
    if (!errors.empty()) throw ValidationFailed(std::move(errors));
}

asio::awaitable<Project> EarnService::create_project(const std::string& admin_id, ProjectChanges changes) {
    Project p;
    p.id = ObjectId::generate().to_string();
    apply(p, changes);
    check(p);
    p.status = changes.status.value_or("active");
    co_await check_products(p.requirements.products);
    auto inserted = co_await repo_.insert_project(p, admin_id);
    if (!inserted) throw std::logic_error("a new ObjectId is taken");
    Project created = std::move(*inserted);
    if (created.status == "active") {
        events_.publish({{platform::realtime::kEveryone}, "new_project", project_json(created)});
    }
    co_return created;
}

asio::awaitable<Project> EarnService::update_project(const std::string& id, ProjectChanges changes) {
    if (!ObjectId::is_valid(id)) throw ApiError::not_found("no project with this id");
    if (changes.products) co_await check_products(*changes.products);
    co_return co_await db_.transaction(edit_in, id, std::cref(changes));
}

asio::awaitable<Page<Project>> EarnService::projects(const ListFilter& filter) {
    const int limit = fetch_limit(filter);
    auto items = co_await repo_.projects(filter.status, filter.after, limit);
    co_return page_of(std::move(items), limit);
}

asio::awaitable<Project> EarnService::project(const std::string& id) {
    std::optional<Project> found;
    if (ObjectId::is_valid(id)) found = co_await repo_.project(id);
    if (!found) throw ApiError::not_found("no project with this id");
    co_return std::move(*found);
}

asio::awaitable<Page<Project>> EarnService::available(const std::string& user_id, const ListFilter& filter) {
    AvailableQuery q;
    q.user_id = user_id;
    q.category = filter.category;
    q.type = filter.type;
    q.after = filter.after;
    q.limit = fetch_limit(filter);
    auto items = co_await repo_.available(q);
    co_return page_of(std::move(items), q.limit);
}

asio::awaitable<ProjectView> EarnService::project_for(const std::string& user_id, const std::string& id) {
    std::optional<Project> found;
    if (ObjectId::is_valid(id)) found = co_await repo_.project(id);
    if (!found || found->status == "paused") throw ApiError::not_found("no project with this id");
    const Standing standing = co_await repo_.standing(user_id, id);
    const auto user = co_await users_.user(user_id);
    const std::optional<std::string> city = user ? user->city : std::nullopt;
    ProjectView view{std::move(*found), std::nullopt};
    view.refusal = refusal(view.project, standing, city, platform::core::now());
    co_return view;
}

asio::awaitable<Page<Completion>> EarnService::review_queue(const ListFilter& filter) {
    CompletionQuery q;
    q.status = filter.status.value_or("pending");
    if (filter.project_id) q.project_id = filter.project_id;
    q.after = filter.after;
    q.limit = fetch_limit(filter);
    auto items = co_await repo_.completions(q);
    co_return page_of(std::move(items), q.limit);
}

asio::awaitable<Page<Completion>> EarnService::history(const std::string& user_id, const ListFilter& filter) {
    CompletionQuery q;
    q.user_id = user_id;
    q.status = filter.status;
    q.after = filter.after;
    q.limit = fetch_limit(filter);
    auto items = co_await repo_.completions(q);
    co_return page_of(std::move(items), q.limit);
}

asio::awaitable<Stats> EarnService::stats(const std::string& user_id) {
    const auto groups = co_await repo_.stats_groups(user_id);
    Stats s;
    std::map<std::string, CategoryStats> categories;
    for (const StatsGroup& g : groups) {
        CategoryStats& c = categories[g.category];
        c.category = g.category;
        c.completions += g.completions;
        if (g.status == "approved") {
            c.approved += g.completions;
            c.earned += g.paid;
            s.approved += g.completions;
            s.total_earned += g.paid;
        } else if (g.status == "pending") {
            s.pending += g.completions;
            s.pending_amount += g.pending;
        } else {
            s.rejected += g.completions;
        }
    }
    for (auto& [name, c] : categories) s.by_category.push_back(std::move(c));
    const auto months = co_await repo_.stats_months(user_id, ist_months(platform::core::now()));
    s.this_month = months.first;
    s.last_month = months.second;
    co_return s;
}

asio::awaitable<std::int64_t> EarnService::expire_projects(int max_rows) {
    co_return co_await platform::core::in_batches([this](int n) { return repo_.expire_projects(n); }, 500, max_rows);
}

}  // namespace superapp::features::earn
