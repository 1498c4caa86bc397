#include "features/catalog/rules.hpp"

#include <boost/json/object.hpp>
#include <charconv>
#include <cmath>
#include <limits>

#include "platform/core/base64.hpp"
#include "platform/core/money.hpp"
#include "platform/core/time.hpp"
#include "platform/core/utf8.hpp"

namespace superapp::features::catalog {

namespace json = boost::json;

int discount_percent(std::int64_t original_paise, std::int64_t selling_paise) {
    if (original_paise <= 0 || selling_paise >= original_paise) return 0;
    return static_cast<int>(platform::core::round_half_up((original_paise - selling_paise) * 100, original_paise));
}

double rating_average(std::int64_t sum, std::int64_t count) {
    if (count <= 0) return 0;
    // Rounded in integers (hundredths), so the stored numeric(3,2) and this agree exactly.
    return static_cast<double>(platform::core::round_half_up(sum * 100, count)) / 100.0;
}

namespace {
constexpr char kSeparator = '\n';
}

std::string encode_cursor(const Cursor& c) {
    return platform::core::base64url_encode(c.sort + kSeparator + c.key + kSeparator + c.id);
}

std::optional<Cursor> decode_cursor(std::string_view text) {
    if (text.empty() || text.size() > 400) return std::nullopt;
    auto raw = platform::core::base64url_decode(text);
    if (!raw) return std::nullopt;
    const auto first = raw->find(kSeparator);
    if (first == std::string::npos) return std::nullopt;
    const auto second = raw->find(kSeparator, first + 1);
    if (second == std::string::npos || raw->find(kSeparator, second + 1) != std::string::npos) return std::nullopt;
    Cursor c{raw->substr(0, first), raw->substr(first + 1, second - first - 1), raw->substr(second + 1)};
    if (c.sort.empty() || c.id.size() != 24) return std::nullopt;
    for (char ch : c.id) {
        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) return std::nullopt;
    }
    return c;
}

namespace {

template <class Int>
bool reads_as_integer(std::string_view text) {
    Int value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc{} && end == text.data() + text.size() && !text.empty();
}

// PostgreSQL's numeric input: an optional sign, digits with at most one point, digits on at least one side.
bool reads_as_numeric(std::string_view text) {
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
    if (text.empty() || text.size() > 40) return false;
    bool point = false;
    bool digit = false;
    for (char c : text) {
        if (c == '.' && !point) {
            point = true;
        } else if (c >= '0' && c <= '9') {
            digit = true;
        } else {
            return false;
        }
    }
    return digit;
}

// What float8out and float4out write: a decimal or exponent form, Infinity, -Infinity or NaN. A real
// must also fit a float: PostgreSQL refuses an overflow and an underflow to zero.
bool reads_as_float(std::string_view text, bool single) {
    if (text == "Infinity" || text == "-Infinity" || text == "NaN") return true;
    if (text.empty() || text.size() > 40 || text.front() == '+') return false;
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) return false;
    if (!single || value == 0) return true;
    const double magnitude = std::fabs(value);
    return magnitude <= std::numeric_limits<float>::max() && magnitude >= std::numeric_limits<float>::denorm_min();
}

// timestamptz as PostgreSQL writes it, in the years 1 to 9999 that the lists' rows can have.
bool reads_as_timestamptz(std::string_view text) {
    using namespace std::chrono;
    const auto t = platform::core::parse_postgres_timestamptz(text);
    return t && *t >= sys_days{year{1} / January / 1} && *t < sys_days{year{10000} / January / 1};
}

}  // namespace

bool cursor_key_fits(std::string_view key, std::string_view sql_type) {
    if (sql_type == "bigint") return reads_as_integer<std::int64_t>(key);
    if (sql_type == "smallint") return reads_as_integer<std::int16_t>(key);
    if (sql_type == "numeric") return reads_as_numeric(key);
    if (sql_type == "real") return reads_as_float(key, true);
    if (sql_type == "float8") return reads_as_float(key, false);
    if (sql_type == "timestamptz") return reads_as_timestamptz(key);
    if (sql_type == "text") return key.find('\0') == std::string_view::npos && platform::core::utf8_length(key);
    return false;
}

std::vector<platform::core::FieldError> placement_errors(const CategoryPlacement& p) {
    std::vector<platform::core::FieldError> errors;
    if (p.parent_problem == ParentProblem::not_active) {
        errors.push_back({"parentCategory", "is not an active category"});
    } else if (p.parent_problem == ParentProblem::inside) {
        errors.push_back({"parentCategory", "must not be the category itself or one of its subcategories"});
    } else if (p.parent_type && *p.parent_type != p.type) {
        if (p.sets_type) {
            errors.push_back({"type", "must be its parent category's type, " + *p.parent_type});
        } else {
            errors.push_back({"parentCategory", "is of type " + *p.parent_type + ", not " + p.type});
        }
    }
    const bool type_reported = !errors.empty() && errors.back().field == "type";
    if (p.sets_type && !type_reported) {
        for (const std::string& child : p.child_types) {
            if (child == p.type) continue;
            errors.push_back({"type", "must stay " + child + " while its subcategories are of that type"});
            break;
        }
    }
    return errors;
}

std::string prefix_tsquery(std::string_view q) {
    std::string out;
    std::string word;
    int words = 0;
    const auto flush = [&] {
        if (word.empty() || words >= 8) {
            word.clear();
            return;
        }
        if (!out.empty()) out += " & ";
        out += word + ":*";
        ++words;
        word.clear();
    };
    for (char ch : q) {
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
            if (word.size() < 40) word += ch;
        } else {
            flush();
        }
    }
    flush();
    return out;
}

namespace {

void copy_path(const json::object& from, json::object& to, std::string_view path) {
    const auto dot = path.find('.');
    const std::string_view head = path.substr(0, dot);
    const json::value* value = from.if_contains(head);
    if (!value) return;
    if (dot == std::string_view::npos) {
        to[head] = *value;
        return;
    }
    const json::object* inner = value->if_object();
    if (!inner) return;
    json::value& slot = to[head];
    if (!slot.is_object()) slot = json::object();
    copy_path(*inner, slot.as_object(), path.substr(dot + 1));
}

}  // namespace

json::value project_fields(json::value doc, const FieldList& fields) {
    const json::object* object = doc.if_object();
    if (fields.empty() || !object) return doc;  // moved out, not copied: the common case, no ?fields=
    json::object out;
    if (const json::value* id = object->if_contains("_id")) out["_id"] = *id;
    for (const std::string& f : fields) copy_path(*object, out, f);
    return out;
}

}  // namespace superapp::features::catalog
