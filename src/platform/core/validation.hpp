#pragma once
#include <boost/json/value.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/core/field_error.hpp"
#include "platform/core/money.hpp"
#include "platform/core/object_id.hpp"
#include "platform/core/time.hpp"
#include "platform/core/utf8.hpp"

namespace superapp::platform::core {

/// Limits for a text field. Lengths count Unicode code points after trimming.
struct StringRule {
    std::size_t min = 1;  // 0 allows ""
    std::size_t max = 10'000;
    bool trim = true;        // strip ASCII whitespace at both ends (turn off for passwords)
    bool multiline = false;  // allow \n, \r, \t; other control characters (and NUL) are always refused
};

/// Limits for an array of objects.
struct ArrayRule {
    std::size_t min_items = 0;
    std::size_t max_items = 1'000;
};

/// Limits for an array of strings (in a query string: a comma-separated list).
struct StringArrayRule {
    std::size_t min_items = 0;
    std::size_t max_items = 100;
    StringRule item = {};
    bool unique = false;
};

/// Bounds for an amount; negative amounts are accepted only when min is negative.
struct MoneyRule {
    Money min = Money();
    Money max = Money::from_paise(Money::kMaxPaise);
};

/// A GeoJSON position: [longitude, latitude] in degrees.
struct Coordinates {
    double longitude = 0;
    double latitude = 0;
};

/// The checks shared by JSON bodies (Validator) and query strings (QueryValidator). Every check records its
/// error and carries on, so one finish() reports every invalid field. A required_* check returns a default
/// value ("", 0, false, zero Money) when the field is invalid; an optional_* check returns nullopt when the
/// field is absent (JSON null or, in a query string, an empty value, counts as absent) or invalid.
/// Field names may be dotted ("delivery.address.pincode") to reach into nested objects. One thread at a time.
class FieldValidator {
  public:
    /// A text field, trimmed unless rule.trim is false; messages "must be a string",
    /// "must not be empty", "must be at most N characters", ...
    std::string required_string(std::string_view name, const StringRule& rule = {});
    std::optional<std::string> optional_string(std::string_view name, const StringRule& rule = {});

    /// An integer in [min, max] (5.0 counts). "must be an integer from 1 to 99".
    std::int64_t required_int(std::string_view name, std::int64_t min = std::numeric_limits<std::int64_t>::min(),
                              std::int64_t max = std::numeric_limits<std::int64_t>::max());
    std::optional<std::int64_t> optional_int(std::string_view name,
                                             std::int64_t min = std::numeric_limits<std::int64_t>::min(),
                                             std::int64_t max = std::numeric_limits<std::int64_t>::max());

    /// A finite number in [min, max]. "must be a number from 0 to 5".
    double required_number(std::string_view name, double min = std::numeric_limits<double>::lowest(),
                           double max = std::numeric_limits<double>::max());
    std::optional<double> optional_number(std::string_view name, double min = std::numeric_limits<double>::lowest(),
                                          double max = std::numeric_limits<double>::max());

    /// A JSON boolean, or "true" / "false" in a query string. "must be true or false".
    bool required_bool(std::string_view name);
    std::optional<bool> optional_bool(std::string_view name);

    /// One of the given strings, compared exactly. "must be one of: a, b".
    std::string required_enum(std::string_view name, std::initializer_list<std::string_view> choices);
    std::optional<std::string> optional_enum(std::string_view name, std::initializer_list<std::string_view> choices);

    /// An email address (ASCII, at most 254 characters), returned trimmed and lowercased.
    /// "must be a valid email address".
    std::string required_email(std::string_view name);
    std::optional<std::string> optional_email(std::string_view name);

    /// An Indian mobile number: 10 digits starting 6-9, optionally written with +91 / 91 / 0 and spaces or
    /// dashes; returned as "+91XXXXXXXXXX". "must be a 10-digit mobile number".
    std::string required_phone(std::string_view name);
    std::optional<std::string> optional_phone(std::string_view name);

    /// An Indian pincode: 6 digits, the first not 0; a JSON string or integer. "must be a 6-digit pincode".
    std::string required_pincode(std::string_view name);
    std::optional<std::string> optional_pincode(std::string_view name);

    /// [longitude, latitude] with longitude in [-180, 180] and latitude in [-90, 90]; in a query string
    /// "lng,lat". "must be [longitude, latitude]".
    Coordinates required_coordinates(std::string_view name);
    std::optional<Coordinates> optional_coordinates(std::string_view name);

    /// An amount of rupees as Money::from_json reads it, within the rule's bounds.
    Money required_money(std::string_view name, const MoneyRule& rule = {});
    std::optional<Money> optional_money(std::string_view name, const MoneyRule& rule = {});

    /// A 24-hex ObjectId. "must be a 24-character hex id".
    ObjectId required_object_id(std::string_view name);
    std::optional<ObjectId> optional_object_id(std::string_view name);

    /// An ISO-8601 date or date-time with offset, as parse_iso8601 reads it.
    Timestamp required_timestamp(std::string_view name);
    std::optional<Timestamp> optional_timestamp(std::string_view name);

    /// An array of strings, each checked by rule.item; item errors are reported as "tags[2]".
    std::vector<std::string> required_string_array(std::string_view name, const StringArrayRule& rule = {});
    std::optional<std::vector<std::string>> optional_string_array(std::string_view name,
                                                                  const StringArrayRule& rule = {});

    /// True when the field is present (and, in JSON, not null).
    bool has(std::string_view name);
    /// Records a custom error (e.g. a rule across fields) on the field's full path.
    void fail(std::string_view name, std::string message);
    /// Returns the field's full path as it appears in errors, e.g. "items[0].quantity".
    std::string path(std::string_view name) const;
    /// True when no error has been recorded anywhere in this request so far.
    bool ok() const;
    /// Returns every error recorded so far, in the order found.
    const std::vector<FieldError>& errors() const;
    /// Throws ValidationFailed with every recorded error if there is any; returns otherwise.
    void finish() const;

  protected:
    /// The errors of one request, shared by the validators of its nested objects (validation.cpp).
    struct Shared;
    /// A field's raw input: a JSON value, or (when json is null) the text of a query parameter.
    struct Raw {
        const boost::json::value* json = nullptr;
        std::string_view text;
    };
    /// absent: not there; found: raw is set; reported: an enclosing field was already reported as broken.
    enum class Presence { absent, found, reported };
    struct Lookup {
        Presence presence = Presence::absent;
        Raw raw;
    };

    FieldValidator(std::shared_ptr<Shared> shared, std::string prefix, bool silent);
    ~FieldValidator() = default;
    FieldValidator(const FieldValidator&) = default;
    FieldValidator(FieldValidator&&) = default;
    FieldValidator& operator=(const FieldValidator&) = default;
    FieldValidator& operator=(FieldValidator&&) = default;

    virtual Lookup lookup(std::string_view name) = 0;
    void report(std::string_view name, std::string message);

    std::shared_ptr<Shared> shared_;
    std::string prefix_;
    bool silent_ = false;  // set when this part of the input was already reported as a whole

  private:
    template <class T, class Convert>
    std::optional<T> read(std::string_view name, bool required, Convert convert);
    std::optional<std::vector<std::string>> read_string_array(std::string_view name, bool required,
                                                              const StringArrayRule& rule);
};

/// Validates a JSON request body. The body must outlive the validator and every nested one.
///   Validator v(body);
///   auto name = v.required_string("name", {.min = 1, .max = 100});
///   for (auto item : v.array("items", {.min_items = 1})) item.required_int("quantity", 1, 99);
///   v.finish();
class Validator : public FieldValidator {
  public:
    /// A body that is not a JSON object is reported on field "" ("must be a JSON object").
    explicit Validator(const boost::json::value& body);
    /// Validates an object already in hand.
    explicit Validator(const boost::json::object& body);
    /// Refused at compile time: the validator would outlive a temporary body (or a temporary copy of one).
    explicit Validator(boost::json::value&& body) = delete;
    explicit Validator(boost::json::object&& body) = delete;

    /// A nested object; its errors are reported as "name.field" and collected with this one's.
    /// Missing or not an object: reported, and the returned validator checks nothing.
    Validator object(std::string_view name);
    /// As object(), but nullopt when the field is absent or invalid.
    std::optional<Validator> optional_object(std::string_view name);
    /// One validator per element ("items[0]", ...). Missing, not an array, or a non-object element is
    /// reported; above max_items nothing is returned (bounded work), below min_items the items still are.
    std::vector<Validator> array(std::string_view name, const ArrayRule& rule = {});
    /// As array(), but an absent field gives an empty vector and no error.
    std::vector<Validator> optional_array(std::string_view name, const ArrayRule& rule = {});
    /// Returns the raw value at name, or nullptr when absent, null or not reachable; records nothing.
    const boost::json::value* find(std::string_view name) const;

  protected:
    Lookup lookup(std::string_view name) override;

  private:
    Validator(std::shared_ptr<Shared> shared, std::string prefix, const boost::json::object* node);
    std::optional<std::vector<Validator>> elements(std::string_view name, bool required, const ArrayRule& rule);
    std::optional<Validator> child(std::string_view name, bool required);

    const boost::json::object* node_ = nullptr;  // null: nothing to check (already reported)
};

/// Validates query-string parameters with the same checks and messages as Validator; values are text
/// (integers, numbers, "true"/"false" are parsed from it, a string array is a comma-separated list).
/// The first occurrence of a repeated parameter wins; an empty value counts as absent.
class QueryValidator : public FieldValidator {
  public:
    /// Returns the decoded value of a parameter, or nullopt when it is absent.
    using Source = std::function<std::optional<std::string_view>(std::string_view name)>;

    /// Reads decoded name/value pairs; params must outlive the validator.
    explicit QueryValidator(const std::vector<std::pair<std::string, std::string>>& params);
    /// Refused at compile time: the validator would outlive temporary params.
    explicit QueryValidator(std::vector<std::pair<std::string, std::string>>&& params) = delete;
    /// Reads parameters through a lookup function (e.g. over boost::urls::params_view).
    explicit QueryValidator(Source source);

  protected:
    Lookup lookup(std::string_view name) override;

  private:
    Source source_;
};

}  // namespace superapp::platform::core
