#include "features/users/user.hpp"

#include <boost/json/array.hpp>

namespace superapp::features::users {
namespace {

boost::json::value optional_text(const std::optional<std::string>& value) {
    return value ? boost::json::value(*value) : boost::json::value(nullptr);
}

}  // namespace

std::string_view role_name(Role role) {
    switch (role) {
        case Role::merchant: return "merchant";
        case Role::admin: return "admin";
        case Role::anyone:
        case Role::user: break;
    }
    return "user";
}

std::optional<Role> parse_role(std::string_view name) {
    if (name == "user") return Role::user;
    if (name == "merchant") return Role::merchant;
    if (name == "admin") return Role::admin;
    return std::nullopt;
}

boost::json::object user_json(const User& user) {
    boost::json::object location{{"address", optional_text(user.address)},
                                 {"city", optional_text(user.city)},
                                 {"state", optional_text(user.state)},
                                 {"pincode", optional_text(user.pincode)},
                                 {"coordinates", nullptr}};
    if (user.longitude && user.latitude) {
        location["coordinates"] = boost::json::array{*user.longitude, *user.latitude};
    }
    boost::json::object profile{
        {"firstName", optional_text(user.first_name)}, {"lastName", optional_text(user.last_name)},
        {"avatar", optional_text(user.avatar_url)},    {"dateOfBirth", optional_text(user.date_of_birth)},
        {"gender", optional_text(user.gender)},        {"location", std::move(location)}};
    boost::json::array categories;
    for (const auto& id : user.preferred_categories) categories.emplace_back(id);
    boost::json::object preferences{{"language", optional_text(user.language)},
                                    {"notifications", user.notifications},
                                    {"categories", std::move(categories)},
                                    {"theme", user.theme}};
    boost::json::object auth{
        {"isVerified", user.is_verified},
        {"isOnboarded", user.is_onboarded},
        {"lastLogin", user.last_login ? boost::json::value(platform::core::to_iso8601(*user.last_login))
                                      : boost::json::value(nullptr)}};
    return boost::json::object{{"_id", user.id},
                               {"phoneNumber", user.phone_number},
                               {"email", optional_text(user.email)},
                               {"role", role_name(user.role)},
                               {"profile", std::move(profile)},
                               {"preferences", std::move(preferences)},
                               {"auth", std::move(auth)},
                               {"createdAt", platform::core::to_iso8601(user.created_at)},
                               {"updatedAt", platform::core::to_iso8601(user.updated_at)}};
}

}  // namespace superapp::features::users
