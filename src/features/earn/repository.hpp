#pragma once
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "features/earn/model.hpp"
#include "features/earn/rules.hpp"
#include "platform/core/cursor.hpp"
#include "platform/db/database.hpp"

namespace superapp::features::earn {

using Position = platform::core::CreatedAtPosition;

/// GET /earn/projects for one user.
struct AvailableQuery {
    std::string user_id;  ///< also whose city a project's location must match
    std::optional<std::string> category;
    std::optional<std::string> type;
    std::optional<Position> after;
    int limit = 20;
};

/// A list of completions: a user's history (user_id set) or the review queue (status set).
struct CompletionQuery {
    std::optional<std::string> user_id;
    std::optional<std::string> status;
    std::optional<std::string> project_id;
    std::optional<Position> after;
    int limit = 20;
};

/// A new pending submission.
struct NewCompletion {
    std::string id;
    std::string project_id;
    std::string user_id;
    std::string type;
    std::string content;
    boost::json::object metadata;
};

/// A completion's review state, as locked by a review.
struct ReviewTarget {
    std::string status;
    std::string project_id;
    std::string user_id;
};

/// What a review records.
struct Decision {
    std::string status;  ///< approved or rejected
    std::optional<Money> payout;
    std::optional<std::string> reason;
    std::string reviewer_id;
};

/// A user's completions of one status and project category.
struct StatsGroup {
    std::string status;
    std::string category;
    std::int64_t completions = 0;
    Money paid;     ///< what approved ones paid
    Money pending;  ///< what pending ones would pay now
};

/// What a user earned in a month: approved completions and their payouts.
struct MonthFigures {
    std::int64_t approved = 0;
    Money earned;
};

/// The only code that runs the earn feature's SQL. Shard thread; throws DbError.
class EarnRepository {
  public:
    explicit EarnRepository(platform::db::Database& db) : db_(db) {}

    /// The stored project, or nullopt when its id is taken.
    boost::asio::awaitable<std::optional<Project>> insert_project(const Project& p, const std::string& created_by);
    /// The same, inside `tx`.
    static boost::asio::awaitable<std::optional<Project>> insert_project(platform::db::Tx& tx, const Project& p,
                                                                         const std::string& created_by);
    boost::asio::awaitable<std::optional<Project>> project(const std::string& id);
    /// The project locked for an edit, or nullopt.
    static boost::asio::awaitable<std::optional<Project>> lock_project(platform::db::Tx& tx, const std::string& id);
    /// Writes every editable field of `p`.
    static boost::asio::awaitable<Project> update_project(platform::db::Tx& tx, const Project& p);
    /// Every project, or those of `status`, newest first, at most `limit` (the admin's list).
    boost::asio::awaitable<std::vector<Project>> projects(const std::optional<std::string>& status,
                                                          const std::optional<Position>& after, int limit);
    /// The projects the user can still do, newest first, at most q.limit.
    boost::asio::awaitable<std::vector<Project>> available(const AvailableQuery& q);
    boost::asio::awaitable<Standing> standing(const std::string& user_id, const std::string& project_id);
    /// The stored submission, or nullopt when the user has a pending one for the project already.
    boost::asio::awaitable<std::optional<Completion>> insert_completion(const NewCompletion& c);
    /// The same, inside `tx`.
    static boost::asio::awaitable<std::optional<Completion>> insert_completion(platform::db::Tx& tx,
                                                                               const NewCompletion& c);
    /// The completion locked for a review, or nullopt.
    static boost::asio::awaitable<std::optional<ReviewTarget>> lock_completion(platform::db::Tx& tx,
                                                                               const std::string& id);
    /// Takes one reward from the project's budget; its payout, or nullopt when the budget left
    /// does not pay it.
    static boost::asio::awaitable<std::optional<Money>> reserve_reward(platform::db::Tx& tx,
                                                                       const std::string& project_id);
    static boost::asio::awaitable<Completion> decide(platform::db::Tx& tx, const std::string& id, const Decision& d);
    /// A user's history (newest first) when q.user_id is set, else the review queue of q.status
    /// (oldest first).
    boost::asio::awaitable<std::vector<Completion>> completions(const CompletionQuery& q);
    boost::asio::awaitable<std::vector<StatsGroup>> stats_groups(const std::string& user_id);
    /// This month's and last month's figures.
    boost::asio::awaitable<std::pair<MonthFigures, MonthFigures>> stats_months(const std::string& user_id,
                                                                               const IstMonths& months);
    /// Marks at most `limit` projects past their expiry date expired; returns how many.
    boost::asio::awaitable<std::int64_t> expire_projects(int limit);

  private:
    platform::db::Database& db_;
};

}  // namespace superapp::features::earn
