#pragma once
#include <boost/json/object.hpp>

#include "features/earn/model.hpp"

namespace superapp::features::earn {

/// The seed's Projects document without its completions: _id, title, description, category,
/// type, requirements, reward {amount, currency, bonusMultiplier}, limits {maxCompletions,
/// totalBudget, expiryDate}, status, createdAt, updatedAt; plus payout (one reward with its
/// bonus) and remainingBudget. Money in rupees. Pure.
boost::json::object project_json(const Project& p);

/// A completion: _id, project {_id, title, category, type}, user, submission {type, content,
/// metadata}, status, payout, reason, completedAt, reviewedAt, paidAt, updatedAt. Pure.
boost::json::object completion_json(const Completion& c);

}  // namespace superapp::features::earn
