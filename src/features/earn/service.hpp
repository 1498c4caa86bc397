#pragma once
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "features/catalog/service.hpp"
#include "features/earn/model.hpp"
#include "features/earn/repository.hpp"
#include "features/earn/rules.hpp"
#include "features/media/service.hpp"
#include "features/notifications/service.hpp"
#include "features/users/service.hpp"
#include "platform/core/env.hpp"
#include "platform/db/database.hpp"
#include "platform/realtime/event_bus.hpp"

namespace superapp::features::earn {

/// EARN_MAX_IMAGE_BYTES (default 5 MiB), EARN_MAX_VIDEO_BYTES (default 50 MiB): the largest
/// uploads a submission keeps (streamed to disk, never held in memory); EARN_EXPIRY_SWEEP_MS (default a minute): how
/// often projects past their expiry date are marked expired.
struct EarnSettings {
    std::size_t max_image_bytes = 5 * 1024 * 1024;
    std::size_t max_video_bytes = 50 * 1024 * 1024;
    std::chrono::milliseconds expiry_sweep = std::chrono::minutes(1);
};
/// Throws ConfigError for a setting that is not a whole number in range.
EarnSettings load_settings(const platform::core::Env& env);
/// The largest submission request: the larger upload and room for the multipart framing.
std::size_t max_submission_request_bytes(const EarnSettings& settings);

/// A field an edit sets (an inner value), clears (an inner nullopt: JSON null) or leaves alone.
template <class T>
using Update = std::optional<std::optional<T>>;

/// What an admin sets on a project. For a new project the handler has required title,
/// description, category, type, reward, totalBudget and expiryDate; an edit may give any.
struct ProjectChanges {
    std::optional<std::string> title;
    std::optional<std::string> description;
    std::optional<std::string> category;
    std::optional<std::string> type;
    Update<int> min_words;
    Update<int> min_duration;
    Update<std::string> location;
    std::optional<std::vector<std::string>> products;
    std::optional<Money> reward;
    std::optional<int> multiplier_bp;
    std::optional<int> max_completions;
    std::optional<Money> total_budget;
    std::optional<Timestamp> expiry_date;
    std::optional<std::string> status;  ///< active or paused
};

/// A list page; next_cursor is set when there is more.
template <class T>
struct Page {
    std::vector<T> items;
    std::optional<std::string> next_cursor;
};

/// What a list asks for: filters, where the previous page ended, the page size.
struct ListFilter {
    std::optional<std::string> category;    ///< projects
    std::optional<std::string> type;        ///< projects
    std::optional<std::string> status;      ///< completions; projects (the admin's list)
    std::optional<std::string> project_id;  ///< the review queue
    std::optional<Position> after;          ///< where the previous page ended
    int limit = 20;
};

/// A project as one user sees it: whether they may submit now, and if not why.
struct ProjectView {
    Project project;
    std::optional<Refusal> refusal;
};

/// GET /earn/stats, per category.
struct CategoryStats {
    std::string category;
    std::int64_t completions = 0;
    std::int64_t approved = 0;
    Money earned;
};

/// GET /earn/stats.
struct Stats {
    Money total_earned;    ///< what approved completions paid
    Money pending_amount;  ///< what pending ones would pay at their projects' current rewards
    std::int64_t pending = 0;
    std::int64_t approved = 0;
    std::int64_t rejected = 0;
    std::vector<CategoryStats> by_category;
    MonthFigures this_month;  ///< calendar months in India (IST)
    MonthFigures last_month;
};

/// A new pending completion (with a new id) of a submission checked by check_submission: its
/// content and metadata (words of a text, the rating); an upload's are set by the caller.
NewCompletion new_completion(const Project& p, const std::string& user_id, const Submission& s);

/// The earn programme: admins publish projects and review completions, users submit them and
/// are paid through the wallet's ledger. Shard thread; throws ApiError and DbError.
class EarnService {
  public:
    EarnService(platform::db::Database& db, users::UsersService& users, catalog::CatalogService& catalog,
                media::MediaService& media, notifications::NotificationsService& notifications,
                platform::realtime::EventPublisher& events, EarnSettings settings);

    const EarnSettings& settings() const { return settings_; }
    /// Where submission bodies and their parts are written on their way in.
    std::filesystem::path incoming_dir() const { return media_.incoming_dir(); }

    /// Creates a project; an active one is announced as `new_project` to everyone. Throws
    /// ValidationFailed (422) for rules across fields (rules.hpp check_project) and products that
    /// name no product.
    boost::asio::awaitable<Project> create_project(const std::string& admin_id, ProjectChanges changes);
    /// Applies an edit and settles the status (status_after_edit). Throws 404 for no such project,
    /// 422 as create_project, 409 (PROJECT_EXPIRED, BUDGET_EXHAUSTED) when asked to be active
    /// but it cannot be.
    boost::asio::awaitable<Project> update_project(const std::string& id, ProjectChanges changes);

    /// Every project whatever its status, or those of filter.status, newest first (the admin's list).
    boost::asio::awaitable<Page<Project>> projects(const ListFilter& filter);
    /// Any project, whatever its status (the admin's view); 404 for no such project.
    boost::asio::awaitable<Project> project(const std::string& id);

    /// The projects the user can still do (refusal() finds nothing), newest first.
    boost::asio::awaitable<Page<Project>> available(const std::string& user_id, const ListFilter& filter);
    /// One project as the user sees it; 404 for no such project and for a paused one.
    boost::asio::awaitable<ProjectView> project_for(const std::string& user_id, const std::string& id);
    /// Stores a pending submission. Throws 404 as project_for, 409 with the refusal's code when
    /// the user may not submit now, 422 naming each field the project's type needs and did not
    /// get, 415/422 from the media store for an upload, 413 for an upload over its limit, 422
    /// naming `file` for a video shorter than the project's minDuration (or whose duration cannot be read).
    boost::asio::awaitable<Completion> submit(const std::string& user_id, const std::string& project_id,
                                              Submission submission);

    /// Completions of one status (pending by default), oldest first.
    boost::asio::awaitable<Page<Completion>> review_queue(const ListFilter& filter);
    /// Approves (with the payout, in one transaction: the reward reserved, the completion paid,
    /// the wallet credited, a notification) or rejects (with `reason`, and a notification) a
    /// pending completion; publishes wallet_update and new_notification after commit. Throws 404
    /// for no such completion, 409 ALREADY_REVIEWED, 409 BUDGET_EXHAUSTED (nothing changes).
    boost::asio::awaitable<Completion> review(const std::string& admin_id, const std::string& id, bool approve,
                                              std::optional<std::string> reason);

    /// The user's completions newest first.
    boost::asio::awaitable<Page<Completion>> history(const std::string& user_id, const ListFilter& filter);
    boost::asio::awaitable<Stats> stats(const std::string& user_id);

    /// Marks up to `max_rows` projects past their expiry date expired, in batches; returns how many.
    boost::asio::awaitable<std::int64_t> expire_projects(int max_rows = 10000);

  private:
    boost::asio::awaitable<void> check_products(const std::vector<std::string>& ids);
    /// Keeps the submission's file; 413 over its type's limit, 415/422 from the media store, 422
    /// `file` for a video shorter than minDuration. A video's duration comes with it.
    boost::asio::awaitable<media::StoredVideo> store_upload(const Project& p, Submission& s);

    platform::db::Database& db_;
    EarnRepository repo_;
    users::UsersService& users_;
    catalog::CatalogService& catalog_;
    media::MediaService& media_;
    notifications::NotificationsService& notifications_;
    platform::realtime::EventPublisher& events_;
    EarnSettings settings_;
};

}  // namespace superapp::features::earn
