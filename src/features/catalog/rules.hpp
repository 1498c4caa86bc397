#pragma once
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/field_error.hpp"

// The catalog's pure rules: no I/O, unit-tested in tests/unit/features/catalog/rules_test.cpp.
namespace superapp::features::catalog {

/// The discount shown for a price, in whole percent of the original, rounded half up; 0 when the
/// selling price is not below the original. Never trusted from input.
int discount_percent(std::int64_t original_paise, std::int64_t selling_paise);

/// The average of `count` ratings summing to `sum`, rounded to two decimals (as stored); 0 for none.
double rating_average(std::int64_t sum, std::int64_t count);

/// Where a list page ends: the sort it belongs to, the last item's sort key (as PostgreSQL wrote
/// it) and id. Opaque to clients (base64url).
struct Cursor {
    std::string sort;
    std::string key;
    std::string id;
};
/// Returns the cursor as URL-safe text.
std::string encode_cursor(const Cursor& cursor);
/// Reads a cursor made by encode_cursor; nullopt for anything else.
std::optional<Cursor> decode_cursor(std::string_view text);
/// Whether PostgreSQL reads `key` as a value of `sql_type` (bigint, smallint, numeric, real, float8,
/// timestamptz or text) without an error: a cursor's key goes back to the database as that type, so a
/// key that does not fit is the client's mistake (422), never the database's.
bool cursor_key_fits(std::string_view key, std::string_view sql_type);

/// Why a category write's new parent cannot take the category.
enum class ParentProblem { none, not_active, inside };

/// Where a category is to sit in the tree after a write, as the write's transaction read the tree.
struct CategoryPlacement {
    std::string type;           ///< the category's type after the write
    bool sets_type = false;     ///< the write gives it a type other than the one it has
    bool names_parent = false;  ///< the write gives it a parent
    ParentProblem parent_problem = ParentProblem::none;
    std::optional<std::string> parent_type;  ///< its parent's type after the write; none for a root
    std::vector<std::string> child_types;    ///< the types of its subcategories (of every state)
};

/// The fields a category write gets wrong (none: it may go ahead). A subcategory has its parent's type,
/// so the tree of one type (GET /categories?type=) holds all of it; a category cannot sit inside itself.
std::vector<platform::core::FieldError> placement_errors(const CategoryPlacement& placement);

/// The words of a search, lowercased, ASCII letters and digits only, at most 8, as a tsquery
/// that matches each word as a prefix ("red:* & shoe:*"); "" when there are none.
std::string prefix_tsquery(std::string_view q);

/// A `?fields=` list: dotted paths such as "name" or "price.selling".
using FieldList = std::vector<std::string>;
/// Returns only the listed fields of `doc` (and `_id`), nested objects kept as deep as named.
/// Unknown fields are left out. An empty list returns `doc` unchanged.
boost::json::value project_fields(boost::json::value doc, const FieldList& fields);

}  // namespace superapp::features::catalog
