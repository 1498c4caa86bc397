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

}  // namespace superapp::platform::db
