#include "features/earn/repository.hpp"

namespace superapp::features::earn {

namespace asio = boost::asio;
using platform::db::named_query;
using platform::db::Row;
using platform::db::Tx;

namespace {

std::optional<int> optional_int(const Row& row, const char* column) {
    const auto v = row.get_optional<std::int32_t>(column);
    return v ? std::optional<int>(*v) : std::nullopt;
}

Money money(const Row& row, const char* column) { return Money::from_paise(row.get<std::int64_t>(column)); }

Project project_from(const Row& row) {
    Project p;
    p.id = row.get<std::string>("id");
    p.title = row.get<std::string>("title");
    p.description = row.get<std::string>("description");
    p.category = row.get<std::string>("category");
    p.type = row.get<std::string>("type");
    p.requirements.min_words = optional_int(row, "min_words");
    p.requirements.min_duration = optional_int(row, "min_duration");
    p.requirements.location = row.get_optional<std::string>("location");
    p.requirements.products = row.get<std::vector<std::string>>("product_ids");
    p.reward = money(row, "reward_paise");
    p.bonus_multiplier_bp = row.get<std::int32_t>("bonus_multiplier_bp");
    p.payout = money(row, "payout_paise");
    p.max_completions = row.get<std::int32_t>("max_completions");
    p.total_budget = money(row, "total_budget_paise");
    p.reserved = money(row, "reserved_paise");
    p.expiry_date = row.get<Timestamp>("expiry_date");
    p.status = row.get<std::string>("status");
    p.created_at = row.get<Timestamp>("created_at");
    p.updated_at = row.get<Timestamp>("updated_at");
    return p;
}

Completion completion_from(const Row& row) {
    Completion c;
    c.id = row.get<std::string>("id");
    c.project_id = row.get<std::string>("project_id");
    c.project_title = row.get<std::string>("project_title");
    c.project_category = row.get<std::string>("project_category");
    c.project_type = row.get<std::string>("project_type");
    c.user_id = row.get<std::string>("user_id");
    c.status = row.get<std::string>("status");
    c.submission_type = row.get<std::string>("submission_type");
    c.content = row.get<std::string>("content");
    const auto metadata = row.get<boost::json::value>("metadata");
    if (metadata.is_object()) c.metadata = metadata.as_object();
    if (const auto paise = row.get_optional<std::int64_t>("payout_paise")) c.payout = Money::from_paise(*paise);
    c.reason = row.get_optional<std::string>("reason");
    c.reviewed_at = row.get_optional<Timestamp>("reviewed_at");
    c.paid_at = row.get_optional<Timestamp>("paid_at");
    c.created_at = row.get<Timestamp>("created_at");
    c.updated_at = row.get<Timestamp>("updated_at");
    return c;
}

template <class T, class From>
std::vector<T> all_rows(const platform::db::Result& result, From from) {
    std::vector<T> out;
    out.reserve(result.size());
    for (const auto row : result) out.push_back(from(row));
    return out;
}

std::optional<Timestamp> after_time(const std::optional<Position>& after) {
    return after ? std::optional<Timestamp>(after->created_at) : std::nullopt;
}
std::optional<std::string> after_id(const std::optional<Position>& after) {
    return after ? std::optional<std::string>(after->id) : std::nullopt;
}

// The inserts run on the database or inside a transaction (demo data): Db is either.
template <class Db>
asio::awaitable<std::optional<Project>> insert_project_on(Db& db, const Project& p, const std::string& created_by) {
    const auto& r = p.requirements;
    const auto result = co_await db.query(named_query("earn.insert_project"), p.id, p.title, p.description, p.category,
                                          p.type, r.min_words, r.min_duration, r.location, r.products, p.reward.paise(),
                                          p.bonus_multiplier_bp, p.payout.paise(), p.max_completions,
                                          p.total_budget.paise(), p.expiry_date, p.status, created_by);
    if (result.empty()) co_return std::nullopt;
    co_return project_from(result[0]);
}

template <class Db>
asio::awaitable<std::optional<Completion>> insert_completion_on(Db& db, const NewCompletion& c) {
    try {
        const auto result = co_await db.query(named_query("earn.insert_completion"), c.id, c.project_id, c.user_id,
                                              c.type, c.content, c.metadata);
        co_return completion_from(result[0]);
    } catch (const platform::db::DbError& e) {
        if (!e.unique_violation()) throw;
    }
    co_return std::nullopt;
}

}  // namespace

asio::awaitable<std::optional<Project>> EarnRepository::insert_project(const Project& p,
                                                                       const std::string& created_by) {
    co_return co_await insert_project_on(db_, p, created_by);
}

asio::awaitable<std::optional<Project>> EarnRepository::insert_project(Tx& tx, const Project& p,
                                                                       const std::string& created_by) {
    co_return co_await insert_project_on(tx, p, created_by);
}

asio::awaitable<std::optional<Project>> EarnRepository::project(const std::string& id) {
    const auto result = co_await db_.query(named_query("earn.project"), id);
    if (result.empty()) co_return std::nullopt;
    co_return project_from(result[0]);
}

asio::awaitable<std::optional<Project>> EarnRepository::lock_project(Tx& tx, const std::string& id) {
    const auto result = co_await tx.query(named_query("earn.lock_project"), id);
    if (result.empty()) co_return std::nullopt;
    co_return project_from(result[0]);
}

asio::awaitable<Project> EarnRepository::update_project(Tx& tx, const Project& p) {
    const auto& r = p.requirements;
    const auto result =
        co_await tx.query(named_query("earn.update_project"), p.id, p.title, p.description, p.category, p.type,
                          r.min_words, r.min_duration, r.location, r.products, p.reward.paise(), p.bonus_multiplier_bp,
                          p.payout.paise(), p.max_completions, p.total_budget.paise(), p.expiry_date, p.status);
    co_return project_from(result[0]);
}

asio::awaitable<std::vector<Project>> EarnRepository::projects(const std::optional<std::string>& status,
                                                               const std::optional<Position>& after, int limit) {
    // Two statements rather than "$1 IS NULL OR status = $1": each keeps the plan of its own index.
    if (status) {
        const auto result = co_await db_.query(named_query("earn.admin_projects_by_status"), *status, after_time(after),
                                               after_id(after), limit);
        co_return all_rows<Project>(result, project_from);
    }
    const auto result =
        co_await db_.query(named_query("earn.admin_projects"), after_time(after), after_id(after), limit);
    co_return all_rows<Project>(result, project_from);
}

asio::awaitable<std::vector<Project>> EarnRepository::available(const AvailableQuery& q) {
    const auto result = co_await db_.query(named_query("earn.list_projects"), q.user_id, q.category, q.type,
                                           after_time(q.after), after_id(q.after), q.limit);
    co_return all_rows<Project>(result, project_from);
}

asio::awaitable<Standing> EarnRepository::standing(const std::string& user_id, const std::string& project_id) {
    const auto result = co_await db_.query(named_query("earn.standing"), user_id, project_id);
    co_return Standing{static_cast<int>(result[0].get<std::int64_t>("pending")),
                       static_cast<int>(result[0].get<std::int64_t>("approved"))};
}

asio::awaitable<std::optional<Completion>> EarnRepository::insert_completion(const NewCompletion& c) {
    co_return co_await insert_completion_on(db_, c);
}

asio::awaitable<std::optional<Completion>> EarnRepository::insert_completion(Tx& tx, const NewCompletion& c) {
    co_return co_await insert_completion_on(tx, c);
}

asio::awaitable<std::optional<ReviewTarget>> EarnRepository::lock_completion(Tx& tx, const std::string& id) {
    const auto result = co_await tx.query(named_query("earn.lock_completion"), id);
    if (result.empty()) co_return std::nullopt;
    co_return ReviewTarget{result[0].get<std::string>("status"), result[0].get<std::string>("project_id"),
                           result[0].get<std::string>("user_id")};
}

asio::awaitable<std::optional<Money>> EarnRepository::reserve_reward(Tx& tx, const std::string& project_id) {
    const auto result = co_await tx.query(named_query("earn.reserve_reward"), project_id);
    if (result.empty()) co_return std::nullopt;
    co_return money(result[0], "payout_paise");
}

asio::awaitable<Completion> EarnRepository::decide(Tx& tx, const std::string& id, const Decision& d) {
    std::optional<std::int64_t> payout;
    if (d.payout) payout = d.payout->paise();
    const auto result =
        co_await tx.query(named_query("earn.decide_completion"), id, d.status, payout, d.reason, d.reviewer_id);
    co_return completion_from(result[0]);
}

asio::awaitable<std::vector<Completion>> EarnRepository::completions(const CompletionQuery& q) {
    if (q.user_id) {
        const auto result = co_await db_.query(named_query("earn.history"), *q.user_id, q.status, after_time(q.after),
                                               after_id(q.after), q.limit);
        co_return all_rows<Completion>(result, completion_from);
    }
    const auto result = co_await db_.query(named_query("earn.review_queue"), q.status, q.project_id,
                                           after_time(q.after), after_id(q.after), q.limit);
    co_return all_rows<Completion>(result, completion_from);
}

asio::awaitable<std::vector<StatsGroup>> EarnRepository::stats_groups(const std::string& user_id) {
    const auto result = co_await db_.query(named_query("earn.stats_groups"), user_id);
    co_return all_rows<StatsGroup>(result, [](const Row& row) {
        return StatsGroup{row.get<std::string>("status"), row.get<std::string>("category"),
                          row.get<std::int64_t>("completions"), money(row, "paid_paise"), money(row, "pending_paise")};
    });
}

asio::awaitable<std::pair<MonthFigures, MonthFigures>> EarnRepository::stats_months(const std::string& user_id,
                                                                                    const IstMonths& months) {
    const auto result =
        co_await db_.query(named_query("earn.stats_months"), user_id, months.this_month, months.last_month);
    const Row row = result[0];
    co_return std::pair{MonthFigures{row.get<std::int64_t>("this_count"), money(row, "this_paise")},
                        MonthFigures{row.get<std::int64_t>("last_count"), money(row, "last_paise")}};
}

asio::awaitable<std::int64_t> EarnRepository::expire_projects(int limit) {
    const auto result = co_await db_.query(named_query("earn.expire_projects"), limit);
    co_return static_cast<std::int64_t>(result.affected_rows());
}

}  // namespace superapp::features::earn
