#pragma once
#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>
#include <vector>

#include "features/users/repository.hpp"
#include "features/users/user.hpp"

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
    boost::asio::awaitable<Account> find_or_create_by_phone(const std::string& e164, std::optional<Role> role_on_create);
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

    // --- below: profile and preferences ---

private:
    UsersRepository repo_;
    std::string country_code_;
};

/// The opaque cursor after `user` in the list order. Pure.
std::string list_cursor(const User& user);
/// The position a cursor stands for; nullopt when it is not one list_cursor made. Pure.
std::optional<ListPosition> parse_list_cursor(std::string_view cursor);

}  // namespace superapp::features::users
