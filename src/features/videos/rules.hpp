#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "features/videos/model.hpp"

namespace superapp::features::videos {

/// The sort named in a query ("newest", "popular", "trending"); nullopt for another name. Pure.
std::optional<Sort> parse_sort(std::string_view name);

/// The opaque cursor after `v` in the order of `sort`. Pure.
std::string list_cursor(Sort sort, const Video& v);
/// The position a list_cursor of `sort` stands for; nullopt for any other text (a cursor of
/// another sort included). Pure.
std::optional<ListPosition> parse_list_cursor(Sort sort, std::string_view cursor);

/// The viewer a view is deduplicated by: "user:<id>" for a signed-in caller, else
/// "device:<id>" from an X-Device-Id of 8 to 128 letters, digits, '-', '_' or '.'; nullopt when
/// neither is there or the device id is malformed. Pure.
std::optional<std::string> viewer_key(const std::optional<std::string>& user_id, std::string_view device_id);

}  // namespace superapp::features::videos
