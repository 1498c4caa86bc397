#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "features/media/service.hpp"
#include "features/users/ports.hpp"
#include "features/users/repository.hpp"
#include "features/users/user.hpp"
#include "platform/core/validation.hpp"

namespace superapp::features::users {

/// What an admin asks the user list for (GET /admin/users).
struct ListFilter {
    std::optional<std::string> search;  ///< a phone number (or its start) or the start of a name
    std::optional<Role> role;
    std::optional<std::string> cursor;  ///< from the previous page's next_cursor
    int limit = 20;
};

struct Page {
    std::vector<User> items;
    std::optional<std::string> next_cursor;
};

/// Accounts and their users. Every function runs on a shard thread and may throw DbError.
class UsersService {
  public:
    /// `default_country_code`: digits, e.g. "91"; a search for "98765" looks for "+9198765...".
    UsersService(platform::db::Database& db, std::string default_country_code = "91");

    /// The account of this E.164 number, created with `role_on_create` (default user) if there is none.
    boost::asio::awaitable<Account> find_or_create_by_phone(const std::string& e164,
                                                            std::optional<Role> role_on_create);
    /// The account, or nullopt when there is no such user.
    boost::asio::awaitable<std::optional<Account>> find(const std::string& id);
    /// The whole user, or nullopt.
    boost::asio::awaitable<std::optional<User>> user(const std::string& id);
    /// Sets auth.lastLogin to now and auth.isVerified. Throws ApiError 404 when there is no such user.
    boost::asio::awaitable<void> record_login(const std::string& id);
    /// Gives the user a role. Throws ApiError 404 when there is no such user.
    boost::asio::awaitable<Account> set_role(const std::string& id, Role role);
    /// Users newest first. Throws ApiError 422 naming "cursor" or "q" for a cursor this did not
    /// issue or a search of more than 50 characters.
    boost::asio::awaitable<Page> list(const ListFilter& filter);
    /// The next batch (at most `limit`, in id order, after `after_id`; "" for the first) of ids of
    /// users who accept notifications (preferences.notifications) and match the audience. An
    /// empty batch means there are no more.
    boost::asio::awaitable<std::vector<std::string>> notifiable_ids(const Audience& audience,
                                                                    const std::string& after_id, int limit);

  private:
    UsersRepository repo_;
    std::string country_code_;
};

// --- the signed-in user's own profile, preferences and avatar ---------------------------------

/// A field a partial update sets (an inner value), clears (an inner nullopt: JSON null) or
/// leaves alone (nullopt: absent).
template <class T>
using Update = std::optional<std::optional<T>>;

/// What PUT /users/profile changes; every field optional.
struct ProfileUpdate {
    Update<std::string> email;              ///< trimmed, lowercase
    std::optional<std::string> first_name;  ///< set, never cleared
    Update<std::string> last_name;
    Update<std::string> date_of_birth;  ///< YYYY-MM-DD
    Update<std::string> gender;
    Update<std::string> address;
    Update<std::string> city;
    Update<std::string> state;
    Update<std::string> pincode;
    Update<platform::core::Coordinates> coordinates;
};

/// What PUT /users/preferences changes; every field optional.
struct PreferencesUpdate {
    Update<std::string> language;
    std::optional<bool> notifications;
    std::optional<std::vector<std::string>> categories;  ///< lowercase ObjectIds, no repeats
    std::optional<std::string> theme;
};

/// The profile as its owner sees it: the user and the read-only wallet figures.
struct ProfileView {
    User user;
    WalletFigures wallet;
};

/// The largest avatar image kept (5 MiB), and the largest upload request, which adds room for
/// the multipart framing around the file.
inline constexpr std::size_t kMaxAvatarBytes = 5 * 1024 * 1024;
inline constexpr std::size_t kMaxAvatarRequestBytes = kMaxAvatarBytes + 64 * 1024;

/// The signed-in user's own profile, preferences and avatar. Category ids are checked with the
/// catalog's directory and wallet figures read from the wallet's source, both passed in. Shard
/// thread; throws DbError.
class ProfileService {
  public:
    ProfileService(platform::db::Database& db, media::MediaService& media, CategoryDirectory& categories,
                   WalletFiguresSource& wallet);

    /// The profile. Throws ApiError 404 when the user no longer exists.
    boost::asio::awaitable<ProfileView> get(const std::string& user_id);
    /// Applies a partial profile update. Throws ApiError 404 as get, 409 (EMAIL_TAKEN) when
    /// another account has the email.
    boost::asio::awaitable<ProfileView> update_profile(const std::string& user_id, ProfileUpdate update);
    /// Applies a partial preferences update. Throws ValidationFailed naming each category id that
    /// names no category, ApiError 404 as get.
    boost::asio::awaitable<ProfileView> update_preferences(const std::string& user_id, PreferencesUpdate update);
    /// Keeps the image (see MediaService::save_image for what is refused) as the user's avatar
    /// and removes the previous avatar's file. Throws as save_image, ApiError 404 as get.
    boost::asio::awaitable<ProfileView> set_avatar(const std::string& user_id, std::string image);

  private:
    boost::asio::awaitable<ProfileView> view(User user);

    platform::db::Database& db_;
    UsersRepository repo_;
    media::MediaService& media_;
    CategoryDirectory& categories_;
    WalletFiguresSource& wallet_;
};

/// The user after a profile update; onboarding is brought up to date. Pure.
User apply_profile(User user, const ProfileUpdate& update);
/// The user after a preferences update; onboarding is brought up to date. Pure.
User apply_preferences(User user, const PreferencesUpdate& update);
/// Onboarded once a first name and a preference (a language or a category) are set; once
/// onboarded, always onboarded. Pure.
bool is_onboarded(const User& user);
/// Why a date of birth is refused ("must be in the past", "must be at least 13 years ago", ...),
/// or nullopt when it is acceptable on `today`. Pure.
std::optional<std::string> date_of_birth_problem(std::chrono::year_month_day born, std::chrono::year_month_day today);

/// The profile reply: the user (user_json) with its read-only `wallet`. Pure; any thread.
boost::json::object profile_json(const ProfileView& view);

/// The opaque cursor after `user` in the list order. Pure.
std::string list_cursor(const User& user);
/// The position a cursor stands for; nullopt when it is not one list_cursor made. Pure.
std::optional<ListPosition> parse_list_cursor(std::string_view cursor);

}  // namespace superapp::features::users
