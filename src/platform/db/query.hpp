#pragma once
#include <string_view>

namespace superapp::platform::db {

/// A named SQL statement: prepared once per connection under `name`, which is also its label in logs.
/// Both views must outlive every use (named_query's come from the binary's static SQL).
struct Query {
    std::string_view name;  ///< at most 63 bytes; unique per text
    std::string_view text;
};

/// Returns the embedded query "<feature>.<file stem>" (src/features/<feature>/sql/<stem>.sql).
/// Throws std::logic_error when there is no such file: a startup bug. Any thread.
Query named_query(std::string_view name);

/// Returns a named query for SQL built at run time from fixed fragments (a list's filters and sort):
/// the same text always gets the same name "<label>#<n>", so each shape is prepared once per
/// connection and its plan reused. Once kMaxShapes texts are known, a new text comes back unnamed
/// (run unprepared), so a caller that builds unbounded texts cannot grow memory without end.
/// `label` is at most 40 bytes. Any thread.
Query shaped_query(std::string_view label, std::string_view text);
inline constexpr std::size_t kMaxShapes = 512;

}  // namespace superapp::platform::db
