#include "platform/core/validation.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <unordered_set>

#include "platform/core/utf8.hpp"

namespace superapp::platform::core {
namespace {

namespace json = boost::json;

constexpr std::int64_t kIntMin = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kIntMax = std::numeric_limits<std::int64_t>::max();
constexpr double kNumberMin = std::numeric_limits<double>::lowest();
constexpr double kNumberMax = std::numeric_limits<double>::max();

constexpr const char* kRequired = "is required";
constexpr const char* kMustBeString = "must be a string";
constexpr const char* kMustBeObject = "must be an object";
constexpr const char* kMustBeArray = "must be an array";
constexpr const char* kMustBeBool = "must be true or false";
constexpr const char* kMustBeEmail = "must be a valid email address";
constexpr const char* kMustBePhone = "must be a 10-digit mobile number";
constexpr const char* kMustBePincode = "must be a 6-digit pincode";
constexpr const char* kMustBeCoordinates = "must be [longitude, latitude]";
constexpr const char* kMustBeObjectId = "must be a 24-character hex id";
constexpr const char* kMustBeTimestamp = "must be an ISO-8601 date or date-time with a time zone";

// ---- messages ----

std::string plural(std::size_t n, std::string_view word) {
    std::string out = std::to_string(n);
    out += ' ';
    out += word;
    if (n != 1) out += 's';
    return out;
}

std::string number_text(double d) {
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
    (void)ec;
    return std::string(buf, end);
}

template <class T>
std::string range_message(std::string_view what, T min, T max, T lowest, T highest, std::string (*text)(T)) {
    std::string out = "must be ";
    out += what;
    if (min != lowest && max != highest) return out + " from " + text(min) + " to " + text(max);
    if (min != lowest) return out + " of at least " + text(min);
    if (max != highest) return out + " of at most " + text(max);
    return out;
}

std::string int_text(std::int64_t i) { return std::to_string(i); }

std::string int_message(std::int64_t min, std::int64_t max) {
    return range_message<std::int64_t>("an integer", min, max, kIntMin, kIntMax, int_text);
}

std::string number_message(double min, double max) {
    return range_message<double>("a number", min, max, kNumberMin, kNumberMax, number_text);
}

std::string money_text(Money m) { return m.to_string(); }

std::string money_message(const MoneyRule& rule) {
    return range_message<Money>("an amount", rule.min, rule.max, Money(), Money::from_paise(Money::kMaxPaise),
                                money_text);
}

std::string enum_message(std::initializer_list<std::string_view> choices) {
    std::string out = "must be one of: ";
    bool first = true;
    for (auto choice : choices) {
        if (!first) out += ", ";
        first = false;
        out += choice;
    }
    return out;
}

// ---- text ----

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }

// ---- rules shared by JSON and query input; each returns the value or sets message ----

std::optional<std::string_view> text_of(const json::value* json, std::string_view text) {
    if (!json) return text;
    if (const auto* s = json->if_string()) return std::string_view(*s);
    return std::nullopt;
}

std::optional<std::string> check_string(std::string_view s, const StringRule& rule, std::string& message) {
    const auto length_before_trim = utf8_length(s);
    if (!length_before_trim) {
        message = "must be valid UTF-8 text";
        return std::nullopt;
    }
    std::size_t length = *length_before_trim;
    if (rule.trim) {
        const std::string_view trimmed = trim(s);
        length -= s.size() - trimmed.size();  // whitespace is ASCII: one byte, one code point
        s = trimmed;
    }
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        const bool control = u < 0x20 || u == 0x7F;
        const bool allowed = rule.multiline && (c == '\n' || c == '\r' || c == '\t');
        if (control && !allowed) {
            message = "must not contain control characters";
            return std::nullopt;
        }
    }
    if (length < rule.min) {
        message =
            rule.min == 1 ? std::string("must not be empty") : "must be at least " + plural(rule.min, "character");
        return std::nullopt;
    }
    if (length > rule.max) {
        message = "must be at most " + plural(rule.max, "character");
        return std::nullopt;
    }
    return std::string(s);
}

std::optional<std::int64_t> parse_int_text(std::string_view s) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
    return value;
}

std::optional<double> parse_number_text(std::string_view s) {
    double value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size() || s.empty() || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::optional<std::int64_t> int_of(const json::value* json, std::string_view text) {
    if (!json) return parse_int_text(text);
    switch (json->kind()) {
        case json::kind::int64: return json->get_int64();
        case json::kind::uint64:
            if (json->get_uint64() > static_cast<std::uint64_t>(kIntMax)) return std::nullopt;
            return static_cast<std::int64_t>(json->get_uint64());
        case json::kind::double_: {
            // 5.0 is an integer a client may well send; 2^63 is the first double outside int64.
            const double d = json->get_double();
            if (!std::isfinite(d) || std::trunc(d) != d || d < -9223372036854775808.0 || d >= 9223372036854775808.0) {
                return std::nullopt;
            }
            return static_cast<std::int64_t>(d);
        }
        default: return std::nullopt;
    }
}

std::optional<double> number_of(const json::value* json, std::string_view text) {
    if (!json) return parse_number_text(text);
    if (!json->is_number()) return std::nullopt;
    const double d = json->to_number<double>();
    if (!std::isfinite(d)) return std::nullopt;
    return d;
}

bool valid_email(std::string_view s) {
    if (s.size() > 254) return false;
    const auto at = s.find('@');
    if (at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos) return false;
    const std::string_view local = s.substr(0, at);
    const std::string_view domain = s.substr(at + 1);

    constexpr std::string_view kLocalSymbols = "!#$%&'*+/=?^_`{|}~-.";
    if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.') return false;
    if (local.find("..") != std::string_view::npos) return false;
    for (char c : local)
        if (!is_alnum(c) && kLocalSymbols.find(c) == std::string_view::npos) return false;

    if (domain.empty() || domain.size() > 253) return false;
    std::size_t labels = 0;
    std::string_view last_label;
    std::size_t start = 0;
    while (true) {
        const auto dot = domain.find('.', start);
        const std::string_view label = domain.substr(start, dot == std::string_view::npos ? dot : dot - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
        for (char c : label)
            if (!is_alnum(c) && c != '-') return false;
        ++labels;
        last_label = label;
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    if (labels < 2 || last_label.size() < 2) return false;
    return std::all_of(last_label.begin(), last_label.end(), is_alpha);
}

std::optional<std::string> normalize_phone(std::string_view s) {
    if (s.size() > 24) return std::nullopt;
    std::string digits;
    bool plus = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '+' && i == 0) {
            plus = true;
        } else if (is_digit(c)) {
            digits.push_back(c);
        } else if (c != ' ' && c != '-') {
            return std::nullopt;
        }
    }
    if (digits.size() == 12 && digits.starts_with("91")) {
        digits.erase(0, 2);
    } else if (plus) {
        return std::nullopt;  // another country's number
    } else if (digits.size() == 11 && digits.front() == '0') {
        digits.erase(0, 1);
    }
    if (digits.size() != 10 || digits.front() < '6') return std::nullopt;
    return "+91" + digits;
}

bool valid_pincode(std::string_view s) {
    return s.size() == 6 && s.front() != '0' && std::all_of(s.begin(), s.end(), is_digit);
}

std::optional<Coordinates> coordinates_of(const json::value* json, std::string_view text, std::string& message) {
    std::optional<double> lng;
    std::optional<double> lat;
    if (json) {
        const auto* array = json->if_array();
        if (array && array->size() == 2) {
            lng = number_of(&(*array)[0], {});
            lat = number_of(&(*array)[1], {});
        }
    } else {
        const auto comma = text.find(',');
        if (comma != std::string_view::npos) {
            lng = parse_number_text(trim(text.substr(0, comma)));
            lat = parse_number_text(trim(text.substr(comma + 1)));
        }
    }
    if (!lng || !lat) {
        message = kMustBeCoordinates;
        return std::nullopt;
    }
    if (*lng < -180 || *lng > 180 || *lat < -90 || *lat > 90) {
        message = "must be [longitude, latitude] with longitude from -180 to 180 and latitude from -90 to 90";
        return std::nullopt;
    }
    return Coordinates{*lng, *lat};
}

}  // namespace

// ---- FieldValidator ----

struct FieldValidator::Shared {
    std::vector<FieldError> errors;
    /// An open-addressing index of errors by field (0: empty, else 1 + the error's position), at most half
    /// full: a repeated field is found in O(1), so many bad fields cost time linear in their number.
    std::vector<std::uint32_t> by_field;
};

FieldValidator::FieldValidator(std::shared_ptr<Shared> shared, std::string prefix, bool silent)
    : shared_(std::move(shared)), prefix_(std::move(prefix)), silent_(silent) {}

std::string FieldValidator::path(std::string_view name) const {
    if (prefix_.empty()) return std::string(name);
    if (name.empty()) return prefix_;
    std::string out = prefix_;
    out += '.';
    out += name;
    return out;
}

namespace {

std::size_t field_hash(std::string_view field) { return std::hash<std::string_view>{}(field); }

// The slot of `field` in the index: the one holding it, or the empty one where it belongs.
std::size_t slot_of(const std::vector<FieldError>& errors, const std::vector<std::uint32_t>& index,
                    std::string_view field) {
    const std::size_t mask = index.size() - 1;
    std::size_t at = field_hash(field) & mask;
    while (index[at] != 0 && errors[index[at] - 1].field != field) at = (at + 1) & mask;
    return at;
}

}  // namespace

void FieldValidator::report(std::string_view name, std::string message) {
    if (silent_) return;
    std::string field = path(name);
    // One error per field: the first one found says what to fix. An index, not a search of the errors,
    // keeps a body with thousands of bad fields linear.
    auto& errors = shared_->errors;
    auto& index = shared_->by_field;
    if (index.size() < 2 * (errors.size() + 1)) {
        std::vector<std::uint32_t> grown(std::max<std::size_t>(64, 2 * index.size()), 0);
        for (std::size_t i = 0; i < errors.size(); ++i) {
            grown[slot_of(errors, grown, errors[i].field)] = static_cast<std::uint32_t>(i + 1);
        }
        index.swap(grown);
    }
    const std::size_t at = slot_of(errors, index, field);
    if (index[at] != 0) return;
    errors.push_back(FieldError{std::move(field), std::move(message)});
    index[at] = static_cast<std::uint32_t>(errors.size());
}

void FieldValidator::fail(std::string_view name, std::string message) { report(name, std::move(message)); }

bool FieldValidator::ok() const { return shared_->errors.empty(); }

const std::vector<FieldError>& FieldValidator::errors() const { return shared_->errors; }

void FieldValidator::finish() const {
    if (!shared_->errors.empty()) throw ValidationFailed(shared_->errors);
}

bool FieldValidator::has(std::string_view name) { return lookup(name).presence == Presence::found; }

template <class T, class Convert>
std::optional<T> FieldValidator::read(std::string_view name, bool required, Convert convert) {
    const Lookup found = lookup(name);
    if (found.presence == Presence::reported) return std::nullopt;
    if (found.presence == Presence::absent) {
        if (required) report(name, kRequired);
        return std::nullopt;
    }
    std::string message;
    std::optional<T> value = convert(found.raw.json, found.raw.text, message);
    if (!value) report(name, std::move(message));
    return value;
}

namespace {

// Each rule turns one field's input (a JSON value, or query text when json is null) into a value, or sets
// message and returns nullopt. Validator and QueryValidator share them, so both speak the same messages.

auto string_rule(const StringRule& rule) {
    return [&rule](const json::value* json, std::string_view text, std::string& message) {
        const auto s = text_of(json, text);
        if (!s) {
            message = kMustBeString;
            return std::optional<std::string>();
        }
        return check_string(*s, rule, message);
    };
}

auto int_rule(std::int64_t min, std::int64_t max) {
    return [min, max](const json::value* json, std::string_view text, std::string& message) {
        auto value = int_of(json, text);
        if (!value || *value < min || *value > max) {
            message = int_message(min, max);
            return std::optional<std::int64_t>();
        }
        return value;
    };
}

auto number_rule(double min, double max) {
    return [min, max](const json::value* json, std::string_view text, std::string& message) {
        auto value = number_of(json, text);
        if (!value || *value < min || *value > max) {
            message = number_message(min, max);
            return std::optional<double>();
        }
        return value;
    };
}

std::optional<bool> bool_rule(const json::value* json, std::string_view text, std::string& message) {
    std::optional<bool> value;
    if (json && json->is_bool()) value = json->get_bool();
    if (!json && text == "true") value = true;
    if (!json && text == "false") value = false;
    if (!value) message = kMustBeBool;
    return value;
}

auto enum_rule(std::initializer_list<std::string_view> choices) {
    return [choices](const json::value* json, std::string_view text, std::string& message) {
        const auto s = text_of(json, text);
        if (s && std::find(choices.begin(), choices.end(), *s) != choices.end()) {
            return std::optional<std::string>(std::string(*s));
        }
        message = enum_message(choices);
        return std::optional<std::string>();
    };
}

std::optional<std::string> email_rule(const json::value* json, std::string_view text, std::string& message) {
    const auto s = text_of(json, text);
    if (!s || !valid_email(trim(*s))) {
        message = kMustBeEmail;
        return std::nullopt;
    }
    std::string email(trim(*s));
    std::transform(email.begin(), email.end(), email.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    return email;
}

std::optional<std::string> phone_rule(const json::value* json, std::string_view text, std::string& message) {
    const auto s = text_of(json, text);
    auto phone = s ? normalize_phone(trim(*s)) : std::nullopt;
    if (!phone) message = kMustBePhone;
    return phone;
}

std::optional<std::string> pincode_rule(const json::value* json, std::string_view text, std::string& message) {
    std::optional<std::string> pincode;
    if (json && json->is_int64()) {
        pincode = std::to_string(json->get_int64());
    } else if (const auto s = text_of(json, text)) {
        pincode = std::string(trim(*s));
    }
    if (!pincode || !valid_pincode(*pincode)) {
        message = kMustBePincode;
        return std::nullopt;
    }
    return pincode;
}

auto money_rule(const MoneyRule& rule) {
    return [&rule](const json::value* json, std::string_view text, std::string& message) {
        const bool signed_amount = rule.min < Money();
        std::optional<Money> money;
        if (json) {
            money = signed_amount ? Money::from_json_signed(*json, &message) : Money::from_json(*json, &message);
        } else {
            money = signed_amount ? Money::parse_signed(text, &message) : Money::parse(text, &message);
        }
        if (money && (*money < rule.min || *money > rule.max)) {
            message = money_message(rule);
            money.reset();
        }
        return money;
    };
}

std::optional<ObjectId> object_id_rule(const json::value* json, std::string_view text, std::string& message) {
    const auto s = text_of(json, text);
    auto id = s ? ObjectId::parse(*s) : std::nullopt;
    if (!id) message = kMustBeObjectId;
    return id;
}

std::optional<Timestamp> timestamp_rule(const json::value* json, std::string_view text, std::string& message) {
    const auto s = text_of(json, text);
    auto t = s ? parse_iso8601(trim(*s)) : std::nullopt;
    if (!t) message = kMustBeTimestamp;
    return t;
}

}  // namespace

std::string FieldValidator::required_string(std::string_view name, const StringRule& rule) {
    return read<std::string>(name, true, string_rule(rule)).value_or(std::string());
}
std::optional<std::string> FieldValidator::optional_string(std::string_view name, const StringRule& rule) {
    return read<std::string>(name, false, string_rule(rule));
}

std::int64_t FieldValidator::required_int(std::string_view name, std::int64_t min, std::int64_t max) {
    return read<std::int64_t>(name, true, int_rule(min, max)).value_or(0);
}
std::optional<std::int64_t> FieldValidator::optional_int(std::string_view name, std::int64_t min, std::int64_t max) {
    return read<std::int64_t>(name, false, int_rule(min, max));
}

double FieldValidator::required_number(std::string_view name, double min, double max) {
    return read<double>(name, true, number_rule(min, max)).value_or(0.0);
}
std::optional<double> FieldValidator::optional_number(std::string_view name, double min, double max) {
    return read<double>(name, false, number_rule(min, max));
}

bool FieldValidator::required_bool(std::string_view name) { return read<bool>(name, true, bool_rule).value_or(false); }
std::optional<bool> FieldValidator::optional_bool(std::string_view name) { return read<bool>(name, false, bool_rule); }

std::string FieldValidator::required_enum(std::string_view name, std::initializer_list<std::string_view> choices) {
    return read<std::string>(name, true, enum_rule(choices)).value_or(std::string());
}
std::optional<std::string> FieldValidator::optional_enum(std::string_view name,
                                                         std::initializer_list<std::string_view> choices) {
    return read<std::string>(name, false, enum_rule(choices));
}

std::string FieldValidator::required_email(std::string_view name) {
    return read<std::string>(name, true, email_rule).value_or(std::string());
}
std::optional<std::string> FieldValidator::optional_email(std::string_view name) {
    return read<std::string>(name, false, email_rule);
}

std::string FieldValidator::required_phone(std::string_view name) {
    return read<std::string>(name, true, phone_rule).value_or(std::string());
}
std::optional<std::string> FieldValidator::optional_phone(std::string_view name) {
    return read<std::string>(name, false, phone_rule);
}

std::string FieldValidator::required_pincode(std::string_view name) {
    return read<std::string>(name, true, pincode_rule).value_or(std::string());
}
std::optional<std::string> FieldValidator::optional_pincode(std::string_view name) {
    return read<std::string>(name, false, pincode_rule);
}

Coordinates FieldValidator::required_coordinates(std::string_view name) {
    return read<Coordinates>(name, true, coordinates_of).value_or(Coordinates{});
}
std::optional<Coordinates> FieldValidator::optional_coordinates(std::string_view name) {
    return read<Coordinates>(name, false, coordinates_of);
}

Money FieldValidator::required_money(std::string_view name, const MoneyRule& rule) {
    return read<Money>(name, true, money_rule(rule)).value_or(Money());
}
std::optional<Money> FieldValidator::optional_money(std::string_view name, const MoneyRule& rule) {
    return read<Money>(name, false, money_rule(rule));
}

ObjectId FieldValidator::required_object_id(std::string_view name) {
    return read<ObjectId>(name, true, object_id_rule).value_or(ObjectId());
}
std::optional<ObjectId> FieldValidator::optional_object_id(std::string_view name) {
    return read<ObjectId>(name, false, object_id_rule);
}

Timestamp FieldValidator::required_timestamp(std::string_view name) {
    return read<Timestamp>(name, true, timestamp_rule).value_or(Timestamp{});
}
std::optional<Timestamp> FieldValidator::optional_timestamp(std::string_view name) {
    return read<Timestamp>(name, false, timestamp_rule);
}

std::optional<std::vector<std::string>> FieldValidator::read_string_array(std::string_view name, bool required,
                                                                          const StringArrayRule& rule) {
    const Lookup found = lookup(name);
    if (found.presence == Presence::reported) return std::nullopt;
    if (found.presence == Presence::absent) {
        if (required) report(name, kRequired);
        return std::nullopt;
    }

    // Items as (JSON value, query text) pairs, so one loop checks both kinds of input.
    std::vector<std::pair<const json::value*, std::string_view>> items;
    if (found.raw.json) {
        const auto* array = found.raw.json->if_array();
        if (!array) {
            report(name, kMustBeArray);
            return std::nullopt;
        }
        if (array->size() > rule.max_items) {
            report(name, "must have at most " + plural(rule.max_items, "item"));
            return std::nullopt;
        }
        for (const auto& element : *array) items.emplace_back(&element, std::string_view());
    } else {
        std::string_view text = found.raw.text;
        for (std::size_t i = 0; i <= rule.max_items; ++i) {
            const auto comma = text.find(',');
            items.emplace_back(nullptr, text.substr(0, comma));
            if (comma == std::string_view::npos) break;
            text.remove_prefix(comma + 1);
        }
    }

    if (items.size() > rule.max_items) {
        report(name, "must have at most " + plural(rule.max_items, "item"));
        return std::nullopt;
    }
    bool valid = true;
    if (items.size() < rule.min_items) {
        report(name, "must have at least " + plural(rule.min_items, "item"));
        valid = false;
    }

    std::vector<std::string> out;
    out.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string item_name = std::string(name) + "[" + std::to_string(i) + "]";
        const auto s = text_of(items[i].first, items[i].second);
        std::string message = kMustBeString;
        auto value = s ? check_string(*s, rule.item, message) : std::nullopt;
        if (!value) {
            report(item_name, std::move(message));
            valid = false;
            continue;
        }
        out.push_back(std::move(*value));
    }
    if (valid && rule.unique) {
        std::unordered_set<std::string_view> seen;
        for (const auto& s : out) {
            if (!seen.insert(s).second) {
                report(name, "must not contain duplicates");
                return std::nullopt;
            }
        }
    }
    if (!valid) return std::nullopt;
    return out;
}

std::optional<std::vector<std::string>> FieldValidator::optional_string_array(std::string_view name,
                                                                              const StringArrayRule& rule) {
    return read_string_array(name, false, rule);
}

std::vector<std::string> FieldValidator::required_string_array(std::string_view name, const StringArrayRule& rule) {
    return read_string_array(name, true, rule).value_or(std::vector<std::string>());
}

// ---- Validator ----

namespace {

enum class Walk { absent, found, not_object };

// Follows a dotted name from node. On not_object, *broken_at is the dotted prefix that is not an object.
Walk walk(const json::object* node, std::string_view name, const json::value*& out, std::string_view* broken_at) {
    std::size_t start = 0;
    while (true) {
        const auto dot = name.find('.', start);
        const std::string_view key = name.substr(start, dot == std::string_view::npos ? dot : dot - start);
        const json::value* value = node->if_contains(key);
        if (!value || value->is_null()) return Walk::absent;
        if (dot == std::string_view::npos) {
            out = value;
            return Walk::found;
        }
        node = value->if_object();
        if (!node) {
            if (broken_at) *broken_at = name.substr(0, dot);
            return Walk::not_object;
        }
        start = dot + 1;
    }
}

}  // namespace

Validator::Validator(const boost::json::value& body)
    : FieldValidator(std::make_shared<Shared>(), std::string(), false), node_(body.if_object()) {
    if (!node_) {
        report("", "must be a JSON object");
        silent_ = true;
    }
}

Validator::Validator(const boost::json::object& body)
    : FieldValidator(std::make_shared<Shared>(), std::string(), false), node_(&body) {}

Validator::Validator(std::shared_ptr<Shared> shared, std::string prefix, const boost::json::object* node)
    : FieldValidator(std::move(shared), std::move(prefix), node == nullptr), node_(node) {}

FieldValidator::Lookup Validator::lookup(std::string_view name) {
    if (!node_) return {Presence::reported, {}};
    const json::value* value = nullptr;
    std::string_view broken_at;
    switch (walk(node_, name, value, &broken_at)) {
        case Walk::absent: return {Presence::absent, {}};
        case Walk::found: return {Presence::found, {value, {}}};
        case Walk::not_object: report(broken_at, kMustBeObject); return {Presence::reported, {}};
    }
    return {Presence::reported, {}};
}

const boost::json::value* Validator::find(std::string_view name) const {
    if (!node_) return nullptr;
    const json::value* value = nullptr;
    return walk(node_, name, value, nullptr) == Walk::found ? value : nullptr;
}

std::optional<Validator> Validator::child(std::string_view name, bool required) {
    const Lookup found = lookup(name);
    if (found.presence == Presence::reported) return std::nullopt;
    if (found.presence == Presence::absent) {
        if (required) report(name, kRequired);
        return std::nullopt;
    }
    const auto* object = found.raw.json->if_object();
    if (!object) {
        report(name, kMustBeObject);
        return std::nullopt;
    }
    return Validator(shared_, path(name), object);
}

Validator Validator::object(std::string_view name) {
    if (auto nested = child(name, true)) return std::move(*nested);
    return Validator(shared_, path(name), nullptr);
}

std::optional<Validator> Validator::optional_object(std::string_view name) { return child(name, false); }

std::optional<std::vector<Validator>> Validator::elements(std::string_view name, bool required, const ArrayRule& rule) {
    const Lookup found = lookup(name);
    if (found.presence == Presence::reported) return std::nullopt;
    if (found.presence == Presence::absent) {
        if (required) report(name, kRequired);
        return std::nullopt;
    }
    const auto* array = found.raw.json->if_array();
    if (!array) {
        report(name, kMustBeArray);
        return std::nullopt;
    }
    if (array->size() > rule.max_items) {
        report(name, "must have at most " + plural(rule.max_items, "item"));
        return std::nullopt;
    }
    if (array->size() < rule.min_items) report(name, "must have at least " + plural(rule.min_items, "item"));

    std::vector<Validator> items;
    items.reserve(array->size());
    const std::string base = path(name);
    for (std::size_t i = 0; i < array->size(); ++i) {
        const std::string item_name = std::string(name) + "[" + std::to_string(i) + "]";
        const auto* object = (*array)[i].if_object();
        if (!object) report(item_name, kMustBeObject);
        items.push_back(Validator(shared_, base + "[" + std::to_string(i) + "]", object));
    }
    return items;
}

std::vector<Validator> Validator::array(std::string_view name, const ArrayRule& rule) {
    return elements(name, true, rule).value_or(std::vector<Validator>());
}

std::vector<Validator> Validator::optional_array(std::string_view name, const ArrayRule& rule) {
    return elements(name, false, rule).value_or(std::vector<Validator>());
}

// ---- QueryValidator ----

QueryValidator::QueryValidator(const std::vector<std::pair<std::string, std::string>>& params)
    : QueryValidator([list = &params](std::string_view name) -> std::optional<std::string_view> {
          for (const auto& [key, value] : *list)
              if (key == name) return std::string_view(value);
          return std::nullopt;
      }) {}

QueryValidator::QueryValidator(Source source)
    : FieldValidator(std::make_shared<Shared>(), std::string(), false), source_(std::move(source)) {}

FieldValidator::Lookup QueryValidator::lookup(std::string_view name) {
    const auto value = source_ ? source_(name) : std::nullopt;
    if (!value || value->empty()) return {Presence::absent, {}};
    return {Presence::found, {nullptr, *value}};
}

}  // namespace superapp::platform::core
