#include "features/users/handlers.hpp"

#include <algorithm>
#include <chrono>

#include "platform/core/json.hpp"
#include "platform/core/object_id.hpp"
#include "platform/core/time.hpp"
#include "platform/core/validation.hpp"
#include "platform/http/api_error.hpp"
#include "platform/http/multipart.hpp"

namespace superapp::features::users {

namespace asio = boost::asio;
namespace json = boost::json;
namespace multipart = platform::http::multipart;
using platform::core::is_null_on_path;
using platform::core::StringRule;
using platform::core::Validator;
using platform::http::ApiError;
using platform::http::Request;
using platform::http::Response;

namespace {

// The choices below are also listed in docs/openapi.yaml (UserProfile, UserPreferences); change
// both together.
// (A namespace-scope initializer_list keeps its array for the whole program.)
const std::initializer_list<std::string_view> kGenders = {"male", "female", "other", "prefer_not_to_say"};
const std::initializer_list<std::string_view> kLanguages = {"en", "hi", "ta", "te", "bn", "mr", "gu", "kn", "ml", "pa"};
const std::initializer_list<std::string_view> kThemes = {"light", "dark"};

constexpr StringRule kName{.min = 1, .max = 50};
constexpr StringRule kAddress{.min = 1, .max = 200};
constexpr StringRule kPlace{.min = 1, .max = 100};
constexpr std::size_t kMaxCategories = 50;

const std::string& user_id(const Request& req) { return req.principal->user_id; }

Response private_json(const json::value& body) {
    Response res = Response::json(body);
    res.headers.set("Cache-Control", "private, no-cache");
    return res;
}

bool listed(std::initializer_list<std::string_view> names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// Refuses members of the object at `where` that can neither be changed nor are read-only members
// of the reply a client may send back as it got them (those are ignored).
void refuse_unknown(Validator& v, const json::value& body, std::string_view where,
                    std::initializer_list<std::string_view> editable,
                    std::initializer_list<std::string_view> read_only = {}) {
    const json::value* node = where.empty() ? &body : v.find(where);
    const json::object* object = node ? node->if_object() : nullptr;
    if (!object) return;
    for (const auto& member : *object) {
        const std::string_view key = member.key();
        if (listed(editable, key) || listed(read_only, key)) continue;
        v.fail(where.empty() ? std::string(key) : std::string(where) + "." + std::string(key),
               "is not a field that can be changed here");
    }
}

template <class T>
Update<T> set_to(std::optional<T> value) {
    if (!value) return std::nullopt;  // absent, or invalid and already reported
    return Update<T>(std::in_place, std::move(*value));
}

template <class T>
Update<T> cleared() {
    return Update<T>(std::in_place);
}

Update<std::string> text_update(Validator& v, const json::value& body, std::string_view name, StringRule rule) {
    if (is_null_on_path(body, name)) return cleared<std::string>();
    return set_to(v.optional_string(name, rule));
}

Update<std::string> enum_update(Validator& v, const json::value& body, std::string_view name,
                                std::initializer_list<std::string_view> choices) {
    if (is_null_on_path(body, name)) return cleared<std::string>();
    return set_to(v.optional_enum(name, choices));
}

void refuse_null(Validator& v, const json::value& body, std::string_view name, std::string message) {
    if (is_null_on_path(body, name)) v.fail(name, std::move(message));
}

std::chrono::year_month_day today_utc() {
    return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

Update<std::string> date_of_birth_update(Validator& v, const json::value& body) {
    constexpr std::string_view kField = "profile.dateOfBirth";
    if (is_null_on_path(body, kField)) return cleared<std::string>();
    auto text = v.optional_string(kField, {.min = 1, .max = 64});
    if (!text) return std::nullopt;
    const auto at = text->size() == 10 ? platform::core::parse_iso8601(*text) : std::nullopt;
    if (!at) {
        v.fail(kField, "must be a date such as 1990-05-15");
        return std::nullopt;
    }
    const std::chrono::year_month_day born{std::chrono::floor<std::chrono::days>(*at)};
    if (auto problem = date_of_birth_problem(born, today_utc())) {
        v.fail(kField, std::move(*problem));
        return std::nullopt;
    }
    return set_to(std::move(text));
}

ProfileUpdate read_profile_update(const json::value& body) {
    Validator v(body);
    refuse_unknown(v, body, "", {"email", "profile"},
                   {"_id", "phoneNumber", "role", "preferences", "auth", "wallet", "createdAt", "updatedAt"});
    refuse_unknown(v, body, "profile", {"firstName", "lastName", "dateOfBirth", "gender", "location"}, {"avatar"});
    refuse_unknown(v, body, "profile.location", {"address", "city", "state", "pincode", "coordinates"});
    refuse_null(v, body, "profile", "must be an object");

    ProfileUpdate update;
    update.email = is_null_on_path(body, "email") ? cleared<std::string>() : set_to(v.optional_email("email"));
    if (!is_null_on_path(body, "profile")) {
        refuse_null(v, body, "profile.firstName", "cannot be removed, only changed");
        update.first_name = v.optional_string("profile.firstName", kName);
        update.last_name = text_update(v, body, "profile.lastName", kName);
        update.date_of_birth = date_of_birth_update(v, body);
        update.gender = enum_update(v, body, "profile.gender", kGenders);
        update.address = text_update(v, body, "profile.location.address", kAddress);
        update.city = text_update(v, body, "profile.location.city", kPlace);
        update.state = text_update(v, body, "profile.location.state", kPlace);
        update.pincode = is_null_on_path(body, "profile.location.pincode")
                             ? cleared<std::string>()
                             : set_to(v.optional_pincode("profile.location.pincode"));
        update.coordinates = is_null_on_path(body, "profile.location.coordinates")
                                 ? cleared<platform::core::Coordinates>()
                                 : set_to(v.optional_coordinates("profile.location.coordinates"));
    }
    v.finish();
    return update;
}

PreferencesUpdate read_preferences_update(const json::value& body) {
    Validator v(body);
    refuse_unknown(v, body, "", {"language", "notifications", "categories", "theme"});
    refuse_null(v, body, "notifications", "must be true or false");
    refuse_null(v, body, "theme", "must be light or dark");
    refuse_null(v, body, "categories", "must be an array; send [] for none");

    PreferencesUpdate update;
    update.language = enum_update(v, body, "language", kLanguages);
    update.notifications = v.optional_bool("notifications");
    update.theme = v.optional_enum("theme", kThemes);
    if (auto ids =
            v.optional_string_array("categories", {.max_items = kMaxCategories, .item = {.min = 1, .max = 64}})) {
        std::vector<std::string> normalized;
        for (std::size_t i = 0; i < ids->size(); ++i) {
            const std::string field = "categories[" + std::to_string(i) + "]";
            const auto id = platform::core::ObjectId::parse((*ids)[i]);
            if (!id) {
                v.fail(field, "must be a 24-character hex id");
                continue;
            }
            std::string text = id->to_string();
            if (std::find(normalized.begin(), normalized.end(), text) != normalized.end()) {
                v.fail(field, "repeats an id given before it");
                continue;
            }
            normalized.push_back(std::move(text));
        }
        update.categories = std::move(normalized);
    }
    v.finish();
    return update;
}

json::value preferences_json(const ProfileView& view) { return user_json(view.user).at("preferences"); }

asio::awaitable<Response> get_profile(ProfileService& profiles, Request& req) {
    co_return private_json(profile_json(co_await profiles.get(user_id(req))));
}

asio::awaitable<Response> update_profile(ProfileService& profiles, Request& req) {
    ProfileUpdate update = read_profile_update(req.json);
    co_return private_json(profile_json(co_await profiles.update_profile(user_id(req), std::move(update))));
}

asio::awaitable<Response> get_preferences(ProfileService& profiles, Request& req) {
    co_return private_json(preferences_json(co_await profiles.get(user_id(req))));
}

asio::awaitable<Response> update_preferences(ProfileService& profiles, Request& req) {
    PreferencesUpdate update = read_preferences_update(req.json);
    co_return private_json(preferences_json(co_await profiles.update_preferences(user_id(req), std::move(update))));
}

asio::awaitable<Response> upload_avatar(ProfileService& profiles, Request& req) {
    std::vector<multipart::Part> parts = multipart::parse_form_data(
        req.header("Content-Type"), req.body,
        {.max_parts = 8, .max_header_bytes = 8 * 1024, .max_total_bytes = kMaxAvatarRequestBytes});
    multipart::Part* avatar = nullptr;
    for (multipart::Part& part : parts) {
        if (part.name != "avatar") continue;  // other fields are not used
        if (avatar) throw ApiError::invalid_field("avatar", "must be sent once");
        avatar = &part;
    }
    if (!avatar) throw ApiError::invalid_field("avatar", "is required: send the image as a file field named avatar");
    if (avatar->data.size() > kMaxAvatarBytes) {
        throw ApiError(413, "PAYLOAD_TOO_LARGE", "avatar must be at most 5 MiB");
    }
    co_return private_json(profile_json(co_await profiles.set_avatar(user_id(req), std::move(avatar->data))));
}

}  // namespace

Handler handle_get_profile(ProfileService& profiles) {
    return [&profiles](Request& req) { return get_profile(profiles, req); };
}
Handler handle_update_profile(ProfileService& profiles) {
    return [&profiles](Request& req) { return update_profile(profiles, req); };
}
Handler handle_get_preferences(ProfileService& profiles) {
    return [&profiles](Request& req) { return get_preferences(profiles, req); };
}
Handler handle_update_preferences(ProfileService& profiles) {
    return [&profiles](Request& req) { return update_preferences(profiles, req); };
}
Handler handle_upload_avatar(ProfileService& profiles) {
    return [&profiles](Request& req) { return upload_avatar(profiles, req); };
}

}  // namespace superapp::features::users
