#include "features/earn/rules.hpp"

#include <boost/url/parse.hpp>
#include <cmath>

namespace superapp::features::earn {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

}  // namespace

Money reward_payout(Money reward, int multiplier_bp) { return reward.scaled(multiplier_bp, kMultiplierUnit); }

std::optional<int> multiplier_bp(double value) {
    if (!std::isfinite(value) || value <= 0 || value > kMaxMultiplierBp / kMultiplierUnit) return std::nullopt;
    const double scaled = value * kMultiplierUnit;
    const double rounded = std::round(scaled);
    if (rounded < 1 || std::fabs(scaled - rounded) > 1e-6) return std::nullopt;
    return static_cast<int>(rounded);
}

boost::json::value multiplier_json(int multiplier_bp) {
    if (multiplier_bp % kMultiplierUnit == 0) return static_cast<std::int64_t>(multiplier_bp / kMultiplierUnit);
    return static_cast<double>(multiplier_bp) / kMultiplierUnit;
}

std::size_t count_words(std::string_view text) {
    std::size_t words = 0;
    bool in_word = false;
    for (char c : text) {
        const bool space = is_space(c);
        if (!space && !in_word) ++words;
        in_word = !space;
    }
    return words;
}

bool same_city(std::string_view a, std::string_view b) {
    a = trimmed(a);
    b = trimmed(b);
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    }
    return true;
}

bool is_https_url(std::string_view text) {
    const auto url = boost::urls::parse_absolute_uri(text);
    return url && url->scheme_id() == boost::urls::scheme::https && !url->encoded_host().empty();
}

std::vector<platform::core::FieldError> check_submission(const Project& p, const Submission& s) {
    std::vector<platform::core::FieldError> errors;
    const bool takes_file = p.type == "image" || p.type == "video";
    if (takes_file && !s.file) {
        errors.push_back({"file", "is required: send the " + p.type + " as a multipart file field named file"});
    }
    if (!takes_file && s.file) errors.push_back({"file", "is not taken by a " + p.type + " project"});
    if (p.type == "rating" && !s.rating) errors.push_back({"rating", "is required: a whole number from 1 to 5"});
    if (p.type != "rating" && s.rating) errors.push_back({"rating", "is not taken by a " + p.type + " project"});
    if (p.type == "text") {
        const std::size_t min_words = static_cast<std::size_t>(p.requirements.min_words.value_or(1));
        if (!s.content || count_words(*s.content) < min_words) {
            errors.push_back({"content", "must have at least " + std::to_string(min_words) + " words"});
        }
    }
    if (p.type == "link" && !(s.content && is_https_url(*s.content))) {
        errors.push_back({"content", "must be an https URL"});
    }
    return errors;
}

bool has_budget_for_one(const Project& p) { return p.total_budget - p.reserved >= p.payout; }

std::optional<Refusal> refusal(const Project& p, const Standing& standing, const std::optional<std::string>& city,
                               Timestamp now) {
    if (p.status == "expired" || (p.status == "active" && p.expiry_date <= now)) {
        return Refusal{"PROJECT_EXPIRED", "this project has expired"};
    }
    if (p.status == "completed" || (p.status == "active" && !has_budget_for_one(p))) {
        return Refusal{"BUDGET_EXHAUSTED", "this project's budget cannot pay another reward"};
    }
    if (p.status != "active") return Refusal{"PROJECT_NOT_ACTIVE", "this project is not taking submissions"};
    if (p.requirements.location && !(city && same_city(*city, *p.requirements.location))) {
        return Refusal{"LOCATION_MISMATCH", "this project is for users in " + *p.requirements.location};
    }
    if (standing.pending > 0) {
        return Refusal{"SUBMISSION_PENDING", "your earlier submission for this project is still being reviewed"};
    }
    if (standing.pending + standing.approved >= p.max_completions) {
        return Refusal{"MAX_COMPLETIONS_REACHED", "you have completed this project as often as it allows"};
    }
    return std::nullopt;
}

std::vector<platform::core::FieldError> check_project(const Project& p) {
    std::vector<platform::core::FieldError> errors;
    if (p.payout <= Money()) {
        errors.push_back({"reward.bonusMultiplier", "makes one reward round down to 0.00"});
    } else if (p.total_budget < p.payout) {
        errors.push_back({"limits.totalBudget",
                          "must pay at least one reward (amount x bonusMultiplier = " + p.payout.to_string() + ")"});
    } else if (p.total_budget < p.reserved) {
        errors.push_back({"limits.totalBudget",
                          "must be at least the " + p.reserved.to_string() + " approved completions have taken"});
    }
    if (p.requirements.min_words && p.type != "text") {
        errors.push_back({"requirements.minWords", "applies to text projects only"});
    }
    if (p.requirements.min_duration && p.type != "video") {
        errors.push_back({"requirements.minDuration", "applies to video projects only"});
    }
    return errors;
}

std::string status_after_edit(const Project& p, const std::optional<std::string>& requested, Timestamp now) {
    if (requested.value_or(p.status) == "paused") return "paused";
    if (p.expiry_date <= now) return "expired";
    if (!has_budget_for_one(p)) return "completed";
    return "active";
}

IstMonths ist_months(Timestamp now) {
    using namespace std::chrono;
    constexpr minutes kIstOffset = hours(5) + minutes(30);
    const year_month_day today{floor<days>(now + kIstOffset)};
    const year_month this_month = today.year() / today.month();
    const year_month last_month = this_month - months(1);
    const auto start = [&](year_month ym) {
        return Timestamp(sys_days(ym / 1)) - duration_cast<microseconds>(kIstOffset);
    };
    return {start(this_month), start(last_month)};
}

}  // namespace superapp::features::earn
