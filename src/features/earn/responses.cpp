#include "features/earn/responses.hpp"

#include "platform/core/object_id.hpp"
#include "platform/http/api_error.hpp"

namespace superapp::features::earn {

namespace json = boost::json;

std::string path_id(const platform::http::Request& req, std::string_view what) {
    const auto id = platform::core::ObjectId::parse(req.param("id"));
    if (!id) throw platform::http::ApiError::not_found("no " + std::string(what) + " with this id");
    return id->to_string();
}

void read_page(platform::core::QueryValidator& v, ListFilter& filter) {
    filter.limit = static_cast<int>(v.optional_int("limit", 1, 100).value_or(20));
    if (const auto cursor = v.optional_string("cursor", {.min = 1, .max = 200})) {
        filter.after = platform::core::decode_cursor(*cursor);
        if (!filter.after) v.fail("cursor", "must be a cursor from a previous page");
    }
}

namespace {

template <class T>
json::object page_json(const Page<T>& page, json::object (*item_json)(const T&)) {
    json::array items;
    items.reserve(page.items.size());
    for (const auto& item : page.items) items.emplace_back(item_json(item));
    return {{"items", std::move(items)},
            {"nextCursor", page.next_cursor ? json::value(*page.next_cursor) : json::value(nullptr)}};
}

}  // namespace

json::object projects_json(const Page<Project>& page) { return page_json(page, &project_json); }

json::object completions_json(const Page<Completion>& page) { return page_json(page, &completion_json); }

}  // namespace superapp::features::earn
