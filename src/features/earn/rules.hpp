#pragma once
#include <boost/json/value.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "features/earn/model.hpp"
#include "platform/core/field_error.hpp"

// The earn programme's rules, pure: no I/O, any thread.
namespace superapp::features::earn {

/// The largest bonus multiplier (x10) and its unit: multipliers are kept in ten-thousandths.
inline constexpr int kMultiplierUnit = 10000;
inline constexpr int kMaxMultiplierBp = 10 * kMultiplierUnit;

/// What one approved completion pays: reward x multiplier_bp / 10000, rounded half up to the
/// paisa. Throws std::overflow_error when it does not fit.
Money reward_payout(Money reward, int multiplier_bp);

/// The multiplier in ten-thousandths; nullopt unless 0 < value <= 10 with at most 4 decimals.
std::optional<int> multiplier_bp(double value);
/// The multiplier as a JSON number: 15000 -> 1.5, 10000 -> 1.
boost::json::value multiplier_json(int multiplier_bp);

/// Words in a text: runs of characters other than ASCII whitespace.
std::size_t count_words(std::string_view text);

/// Whether two city names are the same, ignoring ASCII case and surrounding spaces.
bool same_city(std::string_view a, std::string_view b);

/// Whether the text is an absolute https URL with a host.
bool is_https_url(std::string_view text);

/// What is missing or wrong in a submission for a project of this type: text needs `content`
/// with at least minWords words (1 when unset); rating needs `rating`; link needs `content`, an
/// https URL; image and video need `file`; only image and video take a file. Field names as the
/// API sends them.
std::vector<platform::core::FieldError> check_submission(const Project& p, const Submission& s);

/// Whether the budget left pays one more reward.
bool has_budget_for_one(const Project& p);

/// Why a user may not submit for a project now; `code` is the problem's code (409).
struct Refusal {
    std::string code;
    std::string message;
};
/// nullopt when the user may submit a completion: the project is active and not expired, its
/// budget pays one more reward, the user has no pending submission and fewer approved + pending
/// completions than max_completions, and the user's city matches requirements.location when set.
/// Keep in step with sql/list_projects.sql, which applies the same rules to a list.
std::optional<Refusal> refusal(const Project& p, const Standing& standing, const std::optional<std::string>& city,
                               Timestamp now);

/// The rules across fields of a project as created or edited: one reward pays at least a paisa
/// and fits the budget, the
/// budget covers what is reserved, minWords only for text and minDuration only for video
/// projects. Field paths as the API names them.
std::vector<platform::core::FieldError> check_project(const Project& p);

/// The status of a project after an edit: paused when `requested` (or, when none is asked
/// for, the current status) is paused; otherwise expired past its expiry date, completed when
/// the budget left cannot pay one more reward, else active.
std::string status_after_edit(const Project& p, const std::optional<std::string>& requested, Timestamp now);

/// The start of this calendar month and of the previous one in India (UTC+05:30, no DST).
struct IstMonths {
    Timestamp this_month{};
    Timestamp last_month{};
};
IstMonths ist_months(Timestamp now);

}  // namespace superapp::features::earn
