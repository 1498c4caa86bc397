#include "platform/core/validation.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <map>

namespace superapp::platform::core {
namespace {

namespace json = boost::json;

// Field path -> message, for compact expectations.
std::map<std::string, std::string> errors_of(const FieldValidator& v) {
    std::map<std::string, std::string> out;
    for (const auto& e : v.errors()) out[e.field] = e.message;
    return out;
}

using Errors = std::map<std::string, std::string>;

// ---- the whole flow ----

TEST(Validator, CollectsEveryErrorAndThrowsThemTogether) {
    const json::value body = json::parse(R"({
        "name": "",
        "email": "not-an-email",
        "quantity": 120,
        "type": "dine_in",
        "pincode": "012345",
        "coordinates": [200, 10],
        "price": 4.999,
        "tags": ["ok", ""],
        "delivery": {"address": {"pincode": 56}},
        "items": [{"quantity": 1}, {"quantity": 0}, "x"]
    })");
    Validator v(body);
    v.required_string("name", {.min = 1, .max = 100});
    v.optional_email("email");
    v.required_int("quantity", 1, 99);
    v.required_enum("type", {"going_out", "home_delivery", "earn", "play"});
    v.required_pincode("pincode");
    v.optional_coordinates("coordinates");
    v.required_money("price");
    v.optional_string_array("tags", {.max_items = 20, .item = {.min = 1, .max = 30}});
    auto address = v.object("delivery.address");
    address.required_pincode("pincode");
    address.required_string("city");
    for (auto item : v.array("items", {.min_items = 1, .max_items = 50})) item.required_int("quantity", 1, 99);
    v.required_string("missing");

    try {
        v.finish();
        FAIL() << "finish() did not throw";
    } catch (const ValidationFailed& e) {
        std::map<std::string, std::string> got;
        for (const auto& error : e.errors()) got[error.field] = error.message;
        const Errors expected = {
            {"name", "must not be empty"},
            {"email", "must be a valid email address"},
            {"quantity", "must be an integer from 1 to 99"},
            {"type", "must be one of: going_out, home_delivery, earn, play"},
            {"pincode", "must be a 6-digit pincode"},
            {"coordinates",
             "must be [longitude, latitude] with longitude from -180 to 180 and latitude from -90 to 90"},
            {"price", "must be an amount in rupees with at most two decimals"},
            {"tags[1]", "must not be empty"},
            {"delivery.address.pincode", "must be a 6-digit pincode"},
            {"delivery.address.city", "is required"},
            {"items[1].quantity", "must be an integer from 1 to 99"},
            {"items[2]", "must be an object"},
            {"missing", "is required"},
        };
        EXPECT_EQ(got, expected);
        EXPECT_EQ(e.errors().size(), expected.size());
        EXPECT_EQ(e.errors().front().field, "name");  // in the order checked
    }
}

TEST(Validator, ValidBodyGivesTheValuesAndFinishReturns) {
    const json::value body = json::parse(R"({
        "name": "  Asha Rao  ", "email": " Asha.Rao@Example.COM ", "quantity": 3, "type": "earn",
        "pincode": "560001", "coordinates": [77.5946, 12.9716], "price": 499.5,
        "tags": ["new", "sale"], "delivery": {"address": {"pincode": 110001}},
        "items": [{"quantity": 2}, {"quantity": 99}]
    })");
    Validator v(body);
    EXPECT_EQ(v.required_string("name", {.min = 1, .max = 100}), "Asha Rao");
    EXPECT_EQ(v.optional_email("email"), "asha.rao@example.com");
    EXPECT_EQ(v.required_int("quantity", 1, 99), 3);
    EXPECT_EQ(v.required_enum("type", {"going_out", "home_delivery", "earn", "play"}), "earn");
    EXPECT_EQ(v.required_pincode("pincode"), "560001");
    const auto at = v.optional_coordinates("coordinates");
    ASSERT_TRUE(at.has_value());
    EXPECT_DOUBLE_EQ(at->longitude, 77.5946);
    EXPECT_DOUBLE_EQ(at->latitude, 12.9716);
    EXPECT_EQ(v.required_money("price").paise(), 49'950);
    EXPECT_EQ(v.optional_string_array("tags"), (std::vector<std::string>{"new", "sale"}));
    EXPECT_EQ(v.object("delivery.address").required_pincode("pincode"), "110001");
    std::vector<std::int64_t> quantities;
    for (auto item : v.array("items", {.min_items = 1, .max_items = 50})) {
        quantities.push_back(item.required_int("quantity", 1, 99));
    }
    EXPECT_EQ(quantities, (std::vector<std::int64_t>{2, 99}));
    EXPECT_TRUE(v.ok());
    EXPECT_NO_THROW(v.finish());
}

TEST(Validator, NonObjectBodyIsAnErrorOnTheEmptyField) {
    for (const char* text : {"[]", "1", "\"x\"", "null"}) {
        const json::value body = json::parse(text);
        Validator v(body);
        v.required_string("name");
        v.object("a").required_int("b");
        EXPECT_EQ(errors_of(v), (Errors{{"", "must be a JSON object"}})) << text;
        EXPECT_THROW(v.finish(), ValidationFailed);
    }
}

TEST(Validator, UnknownFieldsAreIgnored) {
    const json::value body = json::parse(R"({"name":"x","admin":true,"__proto__":{}})");
    Validator v(body);
    v.required_string("name");
    EXPECT_NO_THROW(v.finish());
}

TEST(Validator, NullCountsAsAbsent) {
    const json::value body = json::parse(R"({"a":null,"b":null})");
    Validator v(body);
    EXPECT_EQ(v.optional_string("a"), std::nullopt);
    v.required_string("b");
    EXPECT_FALSE(v.has("a"));
    EXPECT_EQ(errors_of(v), (Errors{{"b", "is required"}}));
}

TEST(Validator, ReportsOnlyTheFirstErrorOfAField) {
    const json::value body = json::parse(R"({"a":5})");
    Validator v(body);
    v.required_string("a");
    v.required_bool("a");
    v.fail("a", "custom");
    ASSERT_EQ(v.errors().size(), 1u);
    EXPECT_EQ(v.errors()[0].message, "must be a string");
}

// ---- strings ----

TEST(ValidatorString, WrongTypeSaysMustBeAString) {
    const json::value body = json::parse(R"({"a":1,"b":[],"c":{},"d":true})");
    Validator v(body);
    for (const char* name : {"a", "b", "c", "d"}) v.optional_string(name);
    EXPECT_EQ(errors_of(v), (Errors{{"a", "must be a string"},
                                    {"b", "must be a string"},
                                    {"c", "must be a string"},
                                    {"d", "must be a string"}}));
}

TEST(ValidatorString, TrimsWhitespaceUnlessAskedNotTo) {
    const json::value body = json::parse(R"({"name":" \t x y \n","password":"  secret  "})");
    Validator v(body);
    EXPECT_EQ(v.required_string("name"), "x y");
    EXPECT_EQ(v.required_string("password", {.min = 8, .max = 128, .trim = false}), "  secret  ");
    EXPECT_TRUE(v.ok());
}

TEST(ValidatorString, WhitespaceOnlyIsEmpty) {
    const json::value body = json::parse(R"({"a":"   "})");
    Validator v(body);
    v.required_string("a");
    EXPECT_EQ(errors_of(v), (Errors{{"a", "must not be empty"}}));
}

TEST(ValidatorString, EmptyIsAllowedWithMinZero) {
    const json::value body = json::parse(R"({"a":""})");
    Validator v(body);
    EXPECT_EQ(v.optional_string("a", {.min = 0}), "");
    EXPECT_TRUE(v.ok());
}

TEST(ValidatorString, LengthCountsCodePointsNotBytes) {
    // "₹" is 3 bytes, "😀" 4 bytes, "नमस्ते" 6 code points in 18 bytes.
    const json::value body = json::parse(R"({"a":"₹😀","b":"नमस्ते","c":"₹😀x"})");
    Validator v(body);
    EXPECT_EQ(v.required_string("a", {.min = 2, .max = 2}), "₹😀");
    EXPECT_EQ(v.required_string("b", {.max = 6}), "नमस्ते");
    v.required_string("c", {.max = 2});
    EXPECT_EQ(errors_of(v), (Errors{{"c", "must be at most 2 characters"}}));
}

TEST(ValidatorString, TooShortAndTooLongSayTheLimit) {
    const json::value body = json::parse(R"({"a":"ab","b":"abcdef","c":"ab"})");
    Validator v(body);
    v.required_string("a", {.min = 3, .max = 10});
    v.required_string("b", {.min = 1, .max = 5});
    v.required_string("c", {.max = 1});
    EXPECT_EQ(errors_of(v), (Errors{{"a", "must be at least 3 characters"},
                                    {"b", "must be at most 5 characters"},
                                    {"c", "must be at most 1 character"}}));
}

TEST(ValidatorString, RefusesInvalidUtf8) {
    json::object body;
    body["overlong"] = "\xC0\xAF";
    body["surrogate"] = "\xED\xA0\x80";
    body["truncated"] = "ab\xE2\x82";
    body["too_high"] = "\xF4\x90\x80\x80";
    body["stray"] = "\x80";
    Validator v(body);
    for (const char* name : {"overlong", "surrogate", "truncated", "too_high", "stray"}) v.required_string(name);
    EXPECT_EQ(v.errors().size(), 5u);
    for (const auto& e : v.errors()) EXPECT_EQ(e.message, "must be valid UTF-8 text") << e.field;
}

TEST(ValidatorString, RefusesControlCharactersUnlessMultiline) {
    const json::value body = json::parse(R"({"a":"x\u0000y","b":"line1\nline2","c":"tab\there","d":"x\u0000y"})");
    Validator v(body);
    v.required_string("a", {.multiline = true});
    v.required_string("b");
    EXPECT_EQ(v.required_string("c", {.multiline = true}), "tab\there");
    v.required_string("d");
    EXPECT_EQ(errors_of(v), (Errors{{"a", "must not contain control characters"},
                                    {"b", "must not contain control characters"},
                                    {"d", "must not contain control characters"}}));
    const json::value multiline = json::parse(R"({"b":"line1\r\nline2"})");
    Validator ok(multiline);
    EXPECT_EQ(ok.required_string("b", {.multiline = true}), "line1\r\nline2");
}

// ---- numbers ----

TEST(ValidatorInt, AcceptsIntegersWithinBounds) {
    const json::value body = json::parse(R"({"a":1,"b":99,"c":5.0,"d":18446744073709551615})");
    Validator v(body);
    EXPECT_EQ(v.required_int("a", 1, 99), 1);
    EXPECT_EQ(v.required_int("b", 1, 99), 99);
    EXPECT_EQ(v.required_int("c", 1, 99), 5);
    v.optional_int("d");
    EXPECT_EQ(errors_of(v), (Errors{{"d", "must be an integer"}}));
}

TEST(ValidatorInt, RejectsOutOfRangeFractionsAndOtherTypes) {
    const json::value body = json::parse(R"({"a":0,"b":100,"c":1.5,"d":"5","e":true,"f":-1,"g":1e300})");
    Validator v(body);
    v.required_int("a", 1, 99);
    v.required_int("b", 1, 99);
    v.required_int("c", 1, 99);
    v.required_int("d", 1, 99);
    v.required_int("e", 1, 99);
    v.required_int("f", 0);
    v.required_int("g", std::numeric_limits<std::int64_t>::min(), 10);
    EXPECT_EQ(errors_of(v), (Errors{{"a", "must be an integer from 1 to 99"},
                                    {"b", "must be an integer from 1 to 99"},
                                    {"c", "must be an integer from 1 to 99"},
                                    {"d", "must be an integer from 1 to 99"},
                                    {"e", "must be an integer from 1 to 99"},
                                    {"f", "must be an integer of at least 0"},
                                    {"g", "must be an integer of at most 10"}}));
}

TEST(ValidatorNumber, AcceptsAnyFiniteNumberWithinBounds) {
    const json::value body = json::parse(R"({"rating":4.5,"whole":3,"low":-0.5,"s":"4"})");
    Validator v(body);
    EXPECT_DOUBLE_EQ(v.required_number("rating", 0, 5), 4.5);
    EXPECT_DOUBLE_EQ(v.required_number("whole", 0, 5), 3.0);
    v.required_number("low", 0, 5);
    v.required_number("s", 0, 5);
    v.required_number("absent", 0.5, 2.25);
    EXPECT_EQ(errors_of(v), (Errors{{"low", "must be a number from 0 to 5"},
                                    {"s", "must be a number from 0 to 5"},
                                    {"absent", "is required"}}));
}

// ---- booleans, enums ----

TEST(ValidatorBool, AcceptsOnlyJsonBooleans) {
    const json::value body = json::parse(R"({"a":true,"b":false,"c":"true","d":1})");
    Validator v(body);
    EXPECT_TRUE(v.required_bool("a"));
    EXPECT_EQ(v.optional_bool("b"), false);
    v.required_bool("c");
    v.optional_bool("d");
    EXPECT_EQ(errors_of(v), (Errors{{"c", "must be true or false"}, {"d", "must be true or false"}}));
}

TEST(ValidatorEnum, MatchesExactlyAndListsTheChoices) {
    const json::value body = json::parse(R"({"a":"play","b":"Play","c":" play","d":3})");
    Validator v(body);
    EXPECT_EQ(v.required_enum("a", {"earn", "play"}), "play");
    v.required_enum("b", {"earn", "play"});
    v.required_enum("c", {"earn", "play"});
    EXPECT_EQ(v.optional_enum("d", {"earn", "play"}), std::nullopt);
    EXPECT_EQ(v.optional_enum("absent", {"earn", "play"}), std::nullopt);
    EXPECT_EQ(errors_of(v), (Errors{{"b", "must be one of: earn, play"},
                                    {"c", "must be one of: earn, play"},
                                    {"d", "must be one of: earn, play"}}));
}

// ---- email, phone, pincode ----

TEST(ValidatorEmail, AcceptsCommonAddressesAndLowercasesThem) {
    for (const char* email :
         {"a@b.co", "first.last+tag@sub.example.in", "o'hara@example.com", "x_y-z@ex-ample.org", "USER@EXAMPLE.COM"}) {
        json::object body;
        body["email"] = email;
        Validator v(body);
        const std::string got = v.required_email("email");
        EXPECT_TRUE(v.ok()) << email;
        std::string lower = email;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        EXPECT_EQ(got, lower);
    }
}

TEST(ValidatorEmail, RejectsMalformedAddresses) {
    for (const char* email :
         {"",          "plain",    "@example.com", "a@",         "a@b",       "a@b.c",    "a@@b.com",
          "a@b@c.com", ".a@b.com", "a.@b.com",     "a..b@c.com", "a b@c.com", "a@-b.com", "a@b-.com",
          "a@b..com",  "a@b.com.", "a@b.c0m",      "ü@b.com",    "a@bü.com",  "a\n@b.com"}) {
        json::object body;
        body["email"] = email;
        Validator v(body);
        v.required_email("email");
        EXPECT_EQ(errors_of(v), (Errors{{"email", "must be a valid email address"}})) << email;
    }
    json::object body;
    body["email"] = std::string(64, 'a') + "@" + std::string(63, 'b') + "." + std::string(63, 'c') + "." +
                    std::string(62, 'd') + ".com";  // 258 characters
    Validator v(body);
    v.required_email("email");
    EXPECT_FALSE(v.ok());
}

TEST(ValidatorPhone, NormalisesIndianMobileNumbers) {
    for (const char* phone : {"9876543210", "+919876543210", "919876543210", "09876543210", "+91 98765 43210",
                              "98765-43210", " 9876543210 "}) {
        json::object body;
        body["phone"] = phone;
        Validator v(body);
        EXPECT_EQ(v.required_phone("phone"), "+919876543210") << phone;
        EXPECT_TRUE(v.ok()) << phone;
    }
}

TEST(ValidatorPhone, RejectsOtherNumbers) {
    for (const char* phone : {"", "5876543210", "987654321", "98765432101", "+19876543210", "+4407911123456",
                              "98765x3210", "(987) 654-3210", "9+876543210"}) {
        json::object body;
        body["phone"] = phone;
        Validator v(body);
        v.required_phone("phone");
        EXPECT_EQ(errors_of(v), (Errors{{"phone", "must be a 10-digit mobile number"}})) << phone;
    }
}

TEST(ValidatorPincode, AcceptsSixDigitsNotStartingWithZeroAsStringOrNumber) {
    const json::value body =
        json::parse(R"({"a":"560001","b":110001,"c":"012345","d":"56000","e":"5600011","f":"56000a",
                                "g":56000.0,"h":-56000})");
    Validator v(body);
    EXPECT_EQ(v.required_pincode("a"), "560001");
    EXPECT_EQ(v.required_pincode("b"), "110001");
    for (const char* name : {"c", "d", "e", "f", "g", "h"}) v.required_pincode(name);
    EXPECT_EQ(v.errors().size(), 6u);
    for (const auto& e : v.errors()) EXPECT_EQ(e.message, "must be a 6-digit pincode") << e.field;
}

// ---- coordinates, money, ids, timestamps ----

TEST(ValidatorCoordinates, AcceptsLongitudeLatitudeWithinRange) {
    const json::value body = json::parse(R"({"a":[-180,90],"b":[180.0,-90.0],"c":[0,0]})");
    Validator v(body);
    EXPECT_DOUBLE_EQ(v.required_coordinates("a").longitude, -180);
    EXPECT_DOUBLE_EQ(v.required_coordinates("b").latitude, -90);
    EXPECT_TRUE(v.optional_coordinates("c").has_value());
    EXPECT_TRUE(v.ok());
}

TEST(ValidatorCoordinates, RejectsOtherShapesAndOutOfRange) {
    const json::value body =
        json::parse(R"({"a":[1],"b":[1,2,3],"c":["1","2"],"d":{"lng":1,"lat":2},"e":[10,91],"f":[-181,0]})");
    Validator v(body);
    for (const char* name : {"a", "b", "c", "d"}) v.optional_coordinates(name);
    v.optional_coordinates("e");
    v.optional_coordinates("f");
    const auto errors = errors_of(v);
    for (const char* name : {"a", "b", "c", "d"}) EXPECT_EQ(errors.at(name), "must be [longitude, latitude]");
    EXPECT_EQ(errors.at("e"),
              "must be [longitude, latitude] with longitude from -180 to 180 and latitude from -90 to 90");
    EXPECT_EQ(errors.at("f"), errors.at("e"));
}

TEST(ValidatorMoney, ReadsRupeesAndAppliesBounds) {
    const json::value body = json::parse(R"({"a":499.5,"b":"12.30","c":-1,"d":0,"e":1000.01,"f":-20.5,"g":"abc"})");
    Validator v(body);
    EXPECT_EQ(v.required_money("a").paise(), 49'950);
    EXPECT_EQ(v.required_money("b").paise(), 1'230);
    v.required_money("c");
    v.required_money("d", {.min = Money::from_paise(100)});
    v.required_money("e", {.min = Money::from_paise(100), .max = Money::from_paise(100'000)});
    EXPECT_EQ(v.optional_money("f", {.min = Money::from_paise(-100'000)})->paise(), -2'050);
    v.optional_money("g");
    EXPECT_EQ(errors_of(v), (Errors{{"c", "must not be negative"},
                                    {"d", "must be an amount of at least 1.00"},
                                    {"e", "must be an amount from 1.00 to 1000.00"},
                                    {"g", "must be an amount in rupees"}}));
}

TEST(ValidatorObjectId, AcceptsTwentyFourHexCharacters) {
    const json::value body = json::parse(R"({"a":"507f1f77bcf86cd799439011","b":"507f1f77bcf86cd79943901","c":12})");
    Validator v(body);
    EXPECT_EQ(v.required_object_id("a").to_string(), "507f1f77bcf86cd799439011");
    v.required_object_id("b");
    v.optional_object_id("c");
    EXPECT_EQ(errors_of(v), (Errors{{"b", "must be a 24-character hex id"}, {"c", "must be a 24-character hex id"}}));
}

TEST(ValidatorTimestamp, AcceptsIso8601WithZone) {
    const json::value body =
        json::parse(R"({"a":"2026-11-24T23:16:22Z","b":"2026-11-24","c":"2026-02-30","d":"2026-11-24T10:00:00"})");
    Validator v(body);
    EXPECT_EQ(v.required_timestamp("a"), parse_iso8601("2026-11-24T23:16:22Z"));
    EXPECT_EQ(v.optional_timestamp("b"), parse_iso8601("2026-11-24"));
    v.required_timestamp("c");
    v.required_timestamp("d");
    EXPECT_EQ(errors_of(v), (Errors{{"c", "must be an ISO-8601 date or date-time with a time zone"},
                                    {"d", "must be an ISO-8601 date or date-time with a time zone"}}));
}

// ---- string arrays ----

TEST(ValidatorStringArray, ChecksCountItemsAndDuplicates) {
    const json::value body =
        json::parse(R"({"a":["x","y"],"b":[],"c":["x",1,"  "],"d":["a","b","c"],"e":"x","f":["a","a"]})");
    Validator v(body);
    EXPECT_EQ(v.required_string_array("a"), (std::vector<std::string>{"x", "y"}));
    v.required_string_array("b", {.min_items = 1});
    v.optional_string_array("c");
    v.optional_string_array("d", {.max_items = 2});
    v.optional_string_array("e");
    v.optional_string_array("f", {.unique = true});
    v.required_string_array("g");
    EXPECT_EQ(errors_of(v), (Errors{{"b", "must have at least 1 item"},
                                    {"c[1]", "must be a string"},
                                    {"c[2]", "must not be empty"},
                                    {"d", "must have at most 2 items"},
                                    {"e", "must be an array"},
                                    {"f", "must not contain duplicates"},
                                    {"g", "is required"}}));
}

// ---- nesting ----

TEST(ValidatorNesting, NestedObjectsPrefixTheirPaths) {
    const json::value body = json::parse(R"({"delivery":{"address":{"line1":"","geo":{"pincode":"0"}}}})");
    Validator v(body);
    auto delivery = v.object("delivery");
    auto address = delivery.object("address");
    address.required_string("line1");
    address.object("geo").required_pincode("pincode");
    EXPECT_EQ(address.path("city"), "delivery.address.city");
    EXPECT_EQ(errors_of(v), (Errors{{"delivery.address.line1", "must not be empty"},
                                    {"delivery.address.geo.pincode", "must be a 6-digit pincode"}}));
}

TEST(ValidatorNesting, DottedNamesReachIntoObjects) {
    const json::value body = json::parse(R"({"price":{"selling":499.5,"mrp":"x"}})");
    Validator v(body);
    EXPECT_EQ(v.required_money("price.selling").paise(), 49'950);
    v.required_money("price.mrp");
    v.required_money("price.cost");
    v.required_string("profile.name");
    EXPECT_EQ(errors_of(v), (Errors{{"price.mrp", "must be an amount in rupees"},
                                    {"price.cost", "is required"},
                                    {"profile.name", "is required"}}));
}

TEST(ValidatorNesting, AnIntermediateThatIsNotAnObjectIsReportedOnce) {
    const json::value body = json::parse(R"({"profile":"x"})");
    Validator v(body);
    v.required_string("profile.name");
    v.required_string("profile.city");
    v.object("profile").required_string("bio");
    EXPECT_EQ(errors_of(v), (Errors{{"profile", "must be an object"}}));
}

TEST(ValidatorNesting, MissingOrWrongObjectIsReportedAndItsFieldsAreNot) {
    const json::value body = json::parse(R"({"b":[1]})");
    Validator v(body);
    auto a = v.object("a");
    a.required_string("x");
    auto b = v.object("b");
    b.required_string("y");
    EXPECT_FALSE(v.optional_object("c").has_value());
    EXPECT_EQ(errors_of(v), (Errors{{"a", "is required"}, {"b", "must be an object"}}));
}

TEST(ValidatorNesting, OptionalObjectIsNulloptWhenAbsent) {
    const json::value body = json::parse(R"({"meta":{"k":"v"}})");
    Validator v(body);
    auto meta = v.optional_object("meta");
    ASSERT_TRUE(meta.has_value());
    EXPECT_EQ(meta->required_string("k"), "v");
    EXPECT_FALSE(v.optional_object("other").has_value());
    EXPECT_TRUE(v.ok());
}

TEST(ValidatorArray, ItemPathsCarryTheirIndex) {
    const json::value body = json::parse(R"({"items":[{"productId":"507f1f77bcf86cd799439011","quantity":1},
                                         {"productId":"nope","quantity":2},
                                         {"quantity":100,"options":{"size":""}}]})");
    Validator v(body);
    for (auto item : v.array("items", {.min_items = 1, .max_items = 50})) {
        item.required_object_id("productId");
        item.required_int("quantity", 1, 99);
        if (auto options = item.optional_object("options")) options->required_string("size");
    }
    EXPECT_EQ(errors_of(v), (Errors{{"items[1].productId", "must be a 24-character hex id"},
                                    {"items[2].productId", "is required"},
                                    {"items[2].quantity", "must be an integer from 1 to 99"},
                                    {"items[2].options.size", "must not be empty"}}));
}

TEST(ValidatorArray, NestedArraysCompoundTheirPaths) {
    const json::value body = json::parse(R"({"orders":[{"items":[{"q":1},{"q":0}]}]})");
    Validator v(body);
    for (auto order : v.array("orders"))
        for (auto item : order.array("items")) item.required_int("q", 1, 9);
    EXPECT_EQ(errors_of(v), (Errors{{"orders[0].items[1].q", "must be an integer from 1 to 9"}}));
}

TEST(ValidatorArray, CountLimitsAndWrongTypes) {
    const json::value body = json::parse(R"({"empty":[],"many":[{},{},{}],"notArray":{},"few":[{"q":0}]})");
    Validator v(body);
    EXPECT_TRUE(v.array("empty", {.min_items = 1}).empty());
    EXPECT_TRUE(v.array("many", {.max_items = 2}).empty());
    EXPECT_TRUE(v.array("notArray").empty());
    EXPECT_TRUE(v.array("absent").empty());
    EXPECT_TRUE(v.optional_array("absentToo").empty());
    for (auto item : v.array("few", {.min_items = 2})) item.required_int("q", 1, 9);
    EXPECT_EQ(errors_of(v), (Errors{{"empty", "must have at least 1 item"},
                                    {"many", "must have at most 2 items"},
                                    {"notArray", "must be an array"},
                                    {"absent", "is required"},
                                    {"few", "must have at least 2 items"},
                                    {"few[0].q", "must be an integer from 1 to 9"}}));
}

TEST(ValidatorArray, NestedValidatorsShareTheRootsErrors) {
    const json::value body = json::parse(R"({"items":[{}]})");
    Validator v(body);
    auto items = v.array("items");
    ASSERT_EQ(items.size(), 1u);
    items[0].required_string("name");
    EXPECT_FALSE(v.ok());
    EXPECT_THROW(v.finish(), ValidationFailed);
    EXPECT_THROW(items[0].finish(), ValidationFailed);
}

// ---- other helpers ----

TEST(Validator, FailAddsCustomErrorsOnTheFullPath) {
    const json::value body = json::parse(R"({"window":{"from":"2026-11-25","to":"2026-11-24"}})");
    Validator v(body);
    auto window = v.object("window");
    const auto from = window.required_timestamp("from");
    const auto to = window.required_timestamp("to");
    if (to < from) window.fail("to", "must not be before from");
    EXPECT_EQ(errors_of(v), (Errors{{"window.to", "must not be before from"}}));
}

TEST(Validator, FindAndHasReadWithoutRecording) {
    const json::value body = json::parse(R"({"a":{"b":[1,2]},"n":null,"s":"x"})");
    Validator v(body);
    ASSERT_NE(v.find("a.b"), nullptr);
    EXPECT_TRUE(v.find("a.b")->is_array());
    EXPECT_EQ(v.find("n"), nullptr);
    EXPECT_EQ(v.find("s.t"), nullptr);
    EXPECT_EQ(v.find("zz"), nullptr);
    EXPECT_TRUE(v.has("s"));
    EXPECT_FALSE(v.has("n"));
    EXPECT_TRUE(v.ok());
}

// ---- query strings ----

using Params = std::vector<std::pair<std::string, std::string>>;

TEST(QueryValidator, ParsesTextWithTheSameRulesAndMessages) {
    const Params params = {{"limit", "50"},          {"page", "x"},
                           {"inStock", "true"},      {"featured", "yes"},
                           {"sort", "price"},        {"category", "507f1f77bcf86cd799439011"},
                           {"minPrice", "99.5"},     {"maxPrice", "1.234"},
                           {"near", "77.59, 12.97"}, {"expand", "store,category"},
                           {"radius", "2.5"},        {"since", "2026-11-24"}};
    QueryValidator q(params);
    EXPECT_EQ(q.optional_int("limit", 1, 100), 50);
    q.optional_int("page", 1, 1000);
    EXPECT_EQ(q.optional_bool("inStock"), true);
    q.optional_bool("featured");
    EXPECT_EQ(q.optional_enum("sort", {"price", "rating", "newest"}), "price");
    EXPECT_EQ(q.optional_object_id("category")->to_string(), "507f1f77bcf86cd799439011");
    EXPECT_EQ(q.optional_money("minPrice")->paise(), 9'950);
    q.optional_money("maxPrice");
    const auto near = q.optional_coordinates("near");
    ASSERT_TRUE(near.has_value());
    EXPECT_DOUBLE_EQ(near->longitude, 77.59);
    EXPECT_DOUBLE_EQ(near->latitude, 12.97);
    EXPECT_EQ(q.optional_string_array("expand"), (std::vector<std::string>{"store", "category"}));
    EXPECT_DOUBLE_EQ(q.required_number("radius", 0.1, 50), 2.5);
    EXPECT_EQ(q.optional_timestamp("since"), parse_iso8601("2026-11-24"));
    EXPECT_EQ(q.optional_int("absent", 1, 100).value_or(20), 20);
    q.required_string("q");
    EXPECT_EQ(errors_of(q), (Errors{{"page", "must be an integer from 1 to 1000"},
                                    {"featured", "must be true or false"},
                                    {"maxPrice", "must be an amount in rupees with at most two decimals"},
                                    {"q", "is required"}}));
    EXPECT_THROW(q.finish(), ValidationFailed);
}

TEST(QueryValidator, IntegersMustBeWholeDecimalText) {
    const Params params = {{"a", "1.0"}, {"b", "+1"},  {"c", " 1"}, {"d", "1e2"}, {"e", "99999999999999999999"},
                           {"f", "-5"},  {"g", "0x10"}};
    QueryValidator q(params);
    for (const char* name : {"a", "b", "c", "d", "e", "g"}) q.optional_int(name);
    EXPECT_EQ(q.optional_int("f"), -5);
    EXPECT_EQ(q.errors().size(), 6u);
    for (const auto& e : q.errors()) EXPECT_EQ(e.message, "must be an integer") << e.field;
}

TEST(QueryValidator, EmptyValueCountsAsAbsentAndFirstOccurrenceWins) {
    const Params params = {{"q", ""}, {"limit", "10"}, {"limit", "500"}};
    QueryValidator q(params);
    EXPECT_EQ(q.optional_string("q"), std::nullopt);
    EXPECT_EQ(q.optional_int("limit", 1, 100), 10);
    q.required_string("q");
    EXPECT_EQ(errors_of(q), (Errors{{"q", "is required"}}));
}

TEST(QueryValidator, CommaSeparatedListsAreCheckedItemByItem) {
    const Params params = {{"fields", "name,,price.selling"}, {"ids", "a,b,c,d"}};
    QueryValidator q(params);
    q.optional_string_array("fields");
    q.optional_string_array("ids", {.max_items = 3});
    EXPECT_EQ(errors_of(q), (Errors{{"fields[1]", "must not be empty"}, {"ids", "must have at most 3 items"}}));
}

TEST(QueryValidator, ReadsThroughALookupFunction) {
    QueryValidator q([](std::string_view name) -> std::optional<std::string_view> {
        if (name == "limit") return "5";
        return std::nullopt;
    });
    EXPECT_EQ(q.required_int("limit", 1, 100), 5);
    EXPECT_FALSE(q.has("cursor"));
    EXPECT_NO_THROW(q.finish());
}

TEST(QueryValidator, DottedNamesAreLiteralParameterNames) {
    const Params params = {{"price.min", "10"}};
    QueryValidator q(params);
    EXPECT_EQ(q.optional_money("price.min")->paise(), 1'000);
    EXPECT_TRUE(q.ok());
}

// ---- cost: linear in the number of fields ----

// 100,000 distinct bad fields, each reported twice: the first message stays, nothing is repeated.
// (Finding a repeat used to search every earlier error, 5e9 comparisons here.)
TEST(FieldValidator, HundredThousandBadFieldsAreEachReportedOnceInOrder) {
    constexpr std::size_t kFields = 100'000;
    json::object body;
    for (std::size_t i = 0; i < kFields; ++i) body["k" + std::to_string(i)] = i;
    Validator v(body);
    for (int round = 0; round < 2; ++round) {
        for (const auto& member : body) v.fail(member.key(), round == 0 ? "first" : "second");
    }
    ASSERT_EQ(v.errors().size(), kFields);
    std::size_t i = 0;
    for (const auto& member : body) {
        EXPECT_EQ(v.errors()[i].field, member.key());
        EXPECT_EQ(v.errors()[i].message, "first");
        ++i;
    }
    EXPECT_THROW(v.finish(), ValidationFailed);
}

TEST(FieldValidator, NestedAndRepeatedPathsShareOneSetOfReportedFields) {
    const json::value body = json::parse(R"({"a": {"b": 1}, "items": [{"q": "x"}, {"q": "y"}]})");
    Validator v(body);
    auto a = v.object("a");
    a.fail("b", "nested first");
    v.fail("a.b", "top-level second");
    for (auto item : v.array("items")) item.required_int("q");
    v.fail("items[1].q", "again");
    EXPECT_EQ(
        errors_of(v),
        (Errors{{"a.b", "nested first"}, {"items[0].q", "must be an integer"}, {"items[1].q", "must be an integer"}}));
    EXPECT_EQ(v.errors().size(), 3u);
}

}  // namespace
}  // namespace superapp::platform::core
