#pragma once
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/time.hpp"
#include "platform/http/method.hpp"

namespace superapp::features::users {

using platform::http::Role;

/// Who an account is, as login and authorization need it.
struct Account {
    std::string id;
    std::string phone_number;  ///< E.164
    Role role = Role::user;
    std::int64_t session_version = 0;  ///< raised when the role changes: older access tokens are refused
    bool is_new = false;               ///< created by the call that returned it
};

/// One user as stored; the API shows it through user_json.
struct User {
    std::string id;
    std::string phone_number;
    std::optional<std::string> email;
    Role role = Role::user;

    std::optional<std::string> first_name;
    std::optional<std::string> last_name;
    std::optional<std::string> avatar_url;
    std::optional<std::string> date_of_birth;  ///< YYYY-MM-DD
    std::optional<std::string> gender;
    std::optional<std::string> address;
    std::optional<std::string> city;
    std::optional<std::string> state;
    std::optional<std::string> pincode;
    std::optional<double> longitude;
    std::optional<double> latitude;

    std::optional<std::string> language;
    bool notifications = true;
    std::vector<std::string> preferred_categories;
    std::string theme = "light";

    bool is_verified = false;
    bool is_onboarded = false;
    std::optional<platform::core::Timestamp> last_login;
    platform::core::Timestamp created_at{};
    platform::core::Timestamp updated_at{};
};

/// "user" | "merchant" | "admin" (Role::anyone is never stored; it reads "user").
std::string_view role_name(Role role);
/// The stored role for "user", "merchant" or "admin"; nullopt for anything else.
std::optional<Role> parse_role(std::string_view name);

/// The seed's Users document: `_id`, `phoneNumber`, `email`, `profile{...}`, `preferences{...}`,
/// `auth{isVerified,isOnboarded,lastLogin}`, `role`, `createdAt`, `updatedAt`. The one place a
/// user becomes JSON; other features extend the reply from it. Pure; any thread.
boost::json::object user_json(const User& user);

}  // namespace superapp::features::users
