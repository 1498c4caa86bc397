#pragma once
#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>

#include "features/earn/model.hpp"
#include "features/notifications/notification.hpp"
#include "features/wallet/ledger.hpp"
#include "platform/db/database.hpp"

namespace superapp::features::earn {

/// What a review wrote: the completion, the ledger row of an approval's payout, the user's
/// notification. Publish the events for them after the transaction commits.
struct Reviewed {
    Completion completion;
    std::optional<wallet::Entry> entry;
    notifications::Notification notification;
};

/// Decides a pending completion inside `tx`. Approval: one reward is reserved against the
/// project's budget (a conditional update), the completion marked approved and paid, the
/// user's wallet credited (an `earning` ledger row with source project) and notified.
/// Rejection: the reason stored and the user notified. Throws ApiError 404 for no such
/// completion, 409 ALREADY_REVIEWED, 409 BUDGET_EXHAUSTED; DbError. Shard thread.
boost::asio::awaitable<Reviewed> review_in(platform::db::Tx& tx, const std::string& completion_id,
                                           const std::string& reviewer_id, bool approve,
                                           const std::optional<std::string>& reason);

/// The notification a decided completion sends its user. Pure.
notifications::NewNotification review_notice(const Completion& c);

}  // namespace superapp::features::earn
