#pragma once
#include <boost/json/object.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "platform/core/money.hpp"
#include "platform/core/temp_file.hpp"
#include "platform/core/time.hpp"

namespace superapp::features::earn {

using platform::core::Money;
using platform::core::Timestamp;

/// What a user must do, as the seed's `requirements`.
struct Requirements {
    std::optional<int> min_words;         ///< text projects: the fewest words a submission has
    std::optional<int> min_duration;      ///< video projects: seconds, checked against the uploaded file
    std::optional<std::string> location;  ///< a city; only its users see the project
    std::vector<std::string> products;    ///< catalog product ids the task is about
};

/// One earn project (a row of earn_projects). `type`: text, rating, image, video, link;
/// `status`: active, paused, completed, expired.
struct Project {
    std::string id;
    std::string title;
    std::string description;
    std::string category;
    std::string type;
    Requirements requirements;
    Money reward;
    int bonus_multiplier_bp = 10000;  ///< the bonus multiplier in ten-thousandths: 15000 is x1.5
    Money payout;                     ///< reward x multiplier: what one approved completion pays
    int max_completions = 1;          ///< per user
    Money total_budget;
    Money reserved;  ///< taken by approved completions
    Timestamp expiry_date{};
    std::string status = "active";
    Timestamp created_at{};
    Timestamp updated_at{};
};

/// A user's submission for a project (a row of earn_completions), with the project's title,
/// category and type. `status`: pending, approved, rejected.
struct Completion {
    std::string id;
    std::string project_id;
    std::string project_title;
    std::string project_category;
    std::string project_type;
    std::string user_id;
    std::string status = "pending";
    std::string submission_type;
    std::string content;  ///< the text, or the URL of the upload or link
    boost::json::object metadata;
    std::optional<Money> payout;
    std::optional<std::string> reason;
    std::optional<Timestamp> reviewed_at;
    std::optional<Timestamp> paid_at;
    Timestamp created_at{};
    Timestamp updated_at{};
};

/// What a user sends for a completion; which fields count depends on the project's type.
struct Submission {
    std::optional<std::string> content;              ///< text, link, a rating's review or an upload's caption
    std::optional<int> rating;                       ///< 1 to 5
    std::shared_ptr<platform::core::TempFile> file;  ///< the uploaded file, on disk (image, video)
};

/// How many of a user's completions of one project are pending and approved.
struct Standing {
    int pending = 0;
    int approved = 0;
};

}  // namespace superapp::features::earn
