#include "features/catalog/rules.hpp"

#include <boost/json/object.hpp>
#include <cmath>

#include "platform/core/base64.hpp"
#include "platform/core/money.hpp"

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
