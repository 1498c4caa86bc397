#pragma once
// What the earn handlers share: ids from the path, list queries and answers.
#include <boost/json/object.hpp>
#include <initializer_list>
#include <string>
#include <string_view>

#include "features/earn/json.hpp"
#include "features/earn/service.hpp"
#include "platform/core/validation.hpp"
#include "platform/http/request.hpp"
#include "platform/http/response.hpp"

namespace superapp::features::earn {

// Also listed in db/migrations/0050_earn.sql and docs/openapi.yaml (EarnProjectType,
// EarnCompletionStatus); change them together.
inline const std::initializer_list<std::string_view> kProjectTypes = {"text", "rating", "image", "video", "link"};
inline const std::initializer_list<std::string_view> kCompletionStatuses = {"pending", "approved", "rejected"};
// Also in db/migrations/0050_earn.sql and docs/openapi.yaml (EarnProjectStatus).
inline const std::initializer_list<std::string_view> kProjectStatuses = {"active", "paused", "completed", "expired"};

/// The 24-hex id in the path parameter `id`; throws ApiError 404 naming `what` otherwise.
std::string path_id(const platform::http::Request& req, std::string_view what);

/// Reads `limit` (1-100, default 20) and `cursor` (the position it names) into the filter.
void read_page(platform::core::QueryValidator& v, ListFilter& filter);

/// {items, nextCursor} of a page of projects.
boost::json::object projects_json(const Page<Project>& page);

/// {items, nextCursor} of a page of completions.
boost::json::object completions_json(const Page<Completion>& page);

}  // namespace superapp::features::earn
