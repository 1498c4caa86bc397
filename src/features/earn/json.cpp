#include "features/earn/json.hpp"

#include "features/earn/rules.hpp"
#include "platform/core/json_fields.hpp"

namespace superapp::features::earn {

using platform::core::or_null;
using platform::core::time_or_null;

namespace json = boost::json;
using platform::core::to_iso8601;

json::object project_json(const Project& p) {
    json::array products;
    for (const auto& id : p.requirements.products) products.emplace_back(id);
    return {{"_id", p.id},
            {"title", p.title},
            {"description", p.description},
            {"category", p.category},
            {"type", p.type},
            {"requirements",
             {{"minWords", or_null(p.requirements.min_words)},
              {"minDuration", or_null(p.requirements.min_duration)},
              {"location", or_null(p.requirements.location)},
              {"products", std::move(products)}}},
            {"reward",
             {{"amount", p.reward.to_json()},
              {"currency", "INR"},
              {"bonusMultiplier", multiplier_json(p.bonus_multiplier_bp)}}},
            {"payout", p.payout.to_json()},
            {"limits",
             {{"maxCompletions", p.max_completions},
              {"totalBudget", p.total_budget.to_json()},
              {"expiryDate", to_iso8601(p.expiry_date)}}},
            {"remainingBudget", (p.total_budget - p.reserved).to_json()},
            {"status", p.status},
            {"createdAt", to_iso8601(p.created_at)},
            {"updatedAt", to_iso8601(p.updated_at)}};
}

json::object completion_json(const Completion& c) {
    return {{"_id", c.id},
            {"project",
             {{"_id", c.project_id},
              {"title", c.project_title},
              {"category", c.project_category},
              {"type", c.project_type}}},
            {"user", c.user_id},
            {"submission", {{"type", c.submission_type}, {"content", c.content}, {"metadata", c.metadata}}},
            {"status", c.status},
            {"payout", c.payout ? c.payout->to_json() : json::value(nullptr)},
            {"reason", or_null(c.reason)},
            {"completedAt", to_iso8601(c.created_at)},
            {"reviewedAt", time_or_null(c.reviewed_at)},
            {"paidAt", time_or_null(c.paid_at)},
            {"updatedAt", to_iso8601(c.updated_at)}};
}

}  // namespace superapp::features::earn
