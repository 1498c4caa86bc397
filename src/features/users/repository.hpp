#pragma once
#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>
#include <vector>

#include "features/users/user.hpp"
#include "platform/core/cursor.hpp"
#include "platform/db/database.hpp"

namespace superapp::features::users {

/// Where a list page starts: after the row with this creation time and id (newest first).
using ListPosition = platform::core::CreatedAtPosition;

/// What the admin list selects; every field optional.
struct ListQuery {
    std::optional<Role> role;
    std::optional<std::string> phone_prefix;  ///< the start of an E.164 number
    std::optional<std::string> name_prefix;   ///< lowercase; the start of the full name or of the last name
    std::optional<ListPosition> after;
    int limit = 20;
};

/// Who a broadcast notification is for: everyone, or users in a city and/or preferring any of
/// some categories.
struct Audience {
    std::optional<std::string> city;                     ///< matched case-insensitively
    std::optional<std::vector<std::string>> categories;  ///< category ids; any one matches
};

/// The only code that runs the users feature's SQL. Shard thread; throws DbError.
class UsersRepository {
  public:
    explicit UsersRepository(platform::db::Database& db) : db_(db) {}

    boost::asio::awaitable<std::optional<Account>> account_by_id(const std::string& id);
    boost::asio::awaitable<std::optional<Account>> account_by_phone(const std::string& e164);
    /// The new account, or nullopt when the phone number already has one.
    boost::asio::awaitable<std::optional<Account>> insert_account(const std::string& id, const std::string& e164,
                                                                  Role role);
    /// Sets lastLogin to now and marks the phone number verified; false when there is no such user.
    boost::asio::awaitable<bool> record_login(const std::string& id);
    /// The account with its new role, or nullopt when there is no such user.
    boost::asio::awaitable<std::optional<Account>> set_role(const std::string& id, Role role);
    boost::asio::awaitable<std::optional<User>> user_by_id(const std::string& id);
    /// Users newest first (created_at, id), at most query.limit of them.
    boost::asio::awaitable<std::vector<User>> list(const ListQuery& query);
    /// Ids after `after_id` (in id order), at most `limit`, of users who accept notifications and
    /// match the audience.
    boost::asio::awaitable<std::vector<std::string>> notifiable_ids(const Audience& audience,
                                                                    const std::string& after_id, int limit);

    /// The user, locked until `tx` ends; nullopt when there is no such user.
    static boost::asio::awaitable<std::optional<User>> user_for_update(platform::db::Tx& tx, const std::string& id);
    /// Writes what a user edits about themselves (email, profile, avatar, preferences, onboarding)
    /// and returns the row as stored. Throws ApiError 409 (EMAIL_TAKEN) when another account has
    /// the email.
    static boost::asio::awaitable<User> save_profile(platform::db::Tx& tx, const User& user);

  private:
    platform::db::Database& db_;
};

/// Reads a row selected with the users feature's user columns.
User user_from_row(const platform::db::Row& row);

}  // namespace superapp::features::users
