#include "features/earn/review.hpp"

#include "features/earn/repository.hpp"
#include "features/earn/service.hpp"
#include "features/notifications/service.hpp"
#include "platform/core/object_id.hpp"
#include "platform/http/api_error.hpp"

namespace superapp::features::earn {

namespace asio = boost::asio;
using platform::db::Tx;
using platform::http::ApiError;

namespace {

// The approval's payout into the user's wallet.
asio::awaitable<wallet::Entry> pay(Tx& tx, const Completion& c) {
    wallet::Change change;
    change.user_id = c.user_id;
    change.type = wallet::EntryType::earning;
    change.amount = *c.payout;
    change.source = {"project", c.project_id};
    change.description = "Reward for " + c.project_title;
    change.metadata = {{"completionId", c.id}};
    co_return co_await wallet::Ledger::credit_in(tx, std::move(change));
}

}  // namespace

notifications::NewNotification review_notice(const Completion& c) {
    notifications::NewNotification n;
    n.category = "earning";
    n.data = {{"completionId", c.id}, {"projectId", c.project_id}};
    if (c.status == "approved") {
        n.title = "Reward approved";
        n.message = "₹" + c.payout->to_string() + " for \"" + c.project_title + "\" is in your wallet.";
        n.type = "success";
        n.data["amount"] = c.payout->to_json();
    } else {
        n.title = "Submission not approved";
        n.message = "Your submission for \"" + c.project_title + "\" was not approved: " + c.reason.value_or("");
        n.type = "warning";
    }
    return n;
}

asio::awaitable<Reviewed> review_in(Tx& tx, const std::string& completion_id, const std::string& reviewer_id,
                                    bool approve, const std::optional<std::string>& reason) {
    const auto target = co_await EarnRepository::lock_completion(tx, completion_id);
    if (!target) throw ApiError::not_found("no completion with this id");
    // Four eyes: nobody pays themselves a reward.
    if (target->user_id == reviewer_id) throw ApiError::forbidden("an admin does not review their own submission");
    if (target->status != "pending") {
        throw ApiError::conflict("this completion was already " + target->status, "ALREADY_REVIEWED");
    }
    Decision decision{approve ? "approved" : "rejected", std::nullopt, std::nullopt, reviewer_id};
    if (approve) {
        decision.payout = co_await EarnRepository::reserve_reward(tx, target->project_id);
        if (!decision.payout) {
            throw ApiError::conflict("the project's budget left cannot pay this reward", "BUDGET_EXHAUSTED");
        }
    } else {
        decision.reason = reason;
    }
    Reviewed r;
    r.completion = co_await EarnRepository::decide(tx, completion_id, decision);
    if (approve) r.entry = co_await pay(tx, r.completion);
    r.notification =
        co_await notifications::NotificationsService::create_in(tx, r.completion.user_id, review_notice(r.completion));
    co_return r;
}

asio::awaitable<Completion> EarnService::review(const std::string& admin_id, const std::string& id, bool approve,
                                                std::optional<std::string> reason) {
    if (!platform::core::ObjectId::is_valid(id)) throw ApiError::not_found("no completion with this id");
    Reviewed r = co_await db_.transaction(review_in, id, admin_id, approve, reason);
    if (r.entry) events_.publish(wallet::wallet_update_event(*r.entry));
    notifications_.publish_created(r.notification);
    co_return std::move(r.completion);
}

}  // namespace superapp::features::earn
