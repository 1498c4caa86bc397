#include "features/users/repository.hpp"

#include <stdexcept>

#include "platform/db/text_codec.hpp"
#include "platform/http/api_error.hpp"

namespace superapp::features::users {

namespace asio = boost::asio;
using platform::db::named_query;

namespace {

// The same columns as sql/user_by_id.sql, user_for_update.sql and profile_save.sql; change them together.
constexpr std::string_view kUserColumns =
    "id, phone_number, email, role, first_name, last_name, avatar_url, "
    "to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth, gender, address, city, state, pincode, longitude, "
    "latitude, language, notifications, preferred_categories, theme, is_verified, is_onboarded, last_login, "
    "created_at, updated_at";

Role stored_role(std::string_view name) { return parse_role(name).value_or(Role::user); }

std::optional<Account> account_from(const platform::db::Result& result) {
    if (result.empty()) return std::nullopt;
    const auto row = result[0];
    return Account{row.get<std::string>("id"), row.get<std::string>("phone_number"),
                   stored_role(row.get<std::string_view>("role")), row.get<std::int64_t>("session_version")};
}

// LIKE treats % _ and \ specially; a prefix typed by an admin must match literally.
std::string like_prefix(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out + '%';
}

// The driver takes parameters as a pack; the list has at most five.
asio::awaitable<platform::db::Result> execute(platform::db::Database& db, const std::string& sql,
                                              const std::vector<std::string>& p) {
    switch (p.size()) {
        case 0: co_return co_await db.execute(sql);
        case 1: co_return co_await db.execute(sql, p[0]);
        case 2: co_return co_await db.execute(sql, p[0], p[1]);
        case 3: co_return co_await db.execute(sql, p[0], p[1], p[2]);
        case 4: co_return co_await db.execute(sql, p[0], p[1], p[2], p[3]);
        case 5: co_return co_await db.execute(sql, p[0], p[1], p[2], p[3], p[4]);
    }
    throw std::logic_error("users list: too many parameters");
}

}  // namespace

User user_from_row(const platform::db::Row& row) {
    User u;
    u.id = row.get<std::string>("id");
    u.phone_number = row.get<std::string>("phone_number");
    u.email = row.get_optional<std::string>("email");
    u.role = stored_role(row.get<std::string_view>("role"));
    u.first_name = row.get_optional<std::string>("first_name");
    u.last_name = row.get_optional<std::string>("last_name");
    u.avatar_url = row.get_optional<std::string>("avatar_url");
    u.date_of_birth = row.get_optional<std::string>("date_of_birth");
    u.gender = row.get_optional<std::string>("gender");
    u.address = row.get_optional<std::string>("address");
    u.city = row.get_optional<std::string>("city");
    u.state = row.get_optional<std::string>("state");
    u.pincode = row.get_optional<std::string>("pincode");
    u.longitude = row.get_optional<double>("longitude");
    u.latitude = row.get_optional<double>("latitude");
    u.language = row.get_optional<std::string>("language");
    u.notifications = row.get<bool>("notifications");
    u.preferred_categories = row.get<std::vector<std::string>>("preferred_categories");
    u.theme = row.get<std::string>("theme");
    u.is_verified = row.get<bool>("is_verified");
    u.is_onboarded = row.get<bool>("is_onboarded");
    u.last_login = row.get_optional<platform::core::Timestamp>("last_login");
    u.created_at = row.get<platform::core::Timestamp>("created_at");
    u.updated_at = row.get<platform::core::Timestamp>("updated_at");
    return u;
}

asio::awaitable<std::optional<Account>> UsersRepository::account_by_id(const std::string& id) {
    co_return account_from(co_await db_.query(named_query("users.account_by_id"), id));
}

asio::awaitable<std::optional<Account>> UsersRepository::account_by_phone(const std::string& e164) {
    co_return account_from(co_await db_.query(named_query("users.account_by_phone"), e164));
}

asio::awaitable<std::optional<Account>> UsersRepository::insert_account(const std::string& id, const std::string& e164,
                                                                        Role role) {
    co_return account_from(co_await db_.query(named_query("users.account_insert"), id, e164, role_name(role)));
}

asio::awaitable<bool> UsersRepository::record_login(const std::string& id) {
    const auto result = co_await db_.query(named_query("users.record_login"), id);
    co_return result.affected_rows() > 0;
}

asio::awaitable<std::optional<Account>> UsersRepository::set_role(const std::string& id, Role role) {
    co_return account_from(co_await db_.query(named_query("users.set_role"), id, role_name(role)));
}

asio::awaitable<std::optional<User>> UsersRepository::user_by_id(const std::string& id) {
    const auto result = co_await db_.query(named_query("users.user_by_id"), id);
    if (result.empty()) co_return std::nullopt;
    co_return user_from_row(result[0]);
}

asio::awaitable<std::optional<User>> UsersRepository::user_for_update(platform::db::Tx& tx, const std::string& id) {
    const auto result = co_await tx.query(named_query("users.user_for_update"), id);
    if (result.empty()) co_return std::nullopt;
    co_return user_from_row(result[0]);
}

asio::awaitable<User> UsersRepository::save_profile(platform::db::Tx& tx, const User& u) {
    std::optional<platform::db::Result> result;
    bool email_taken = false;
    try {
        result =
            co_await tx.query(named_query("users.profile_save"), u.id, u.email, u.first_name, u.last_name, u.avatar_url,
                              u.date_of_birth, u.gender, u.address, u.city, u.state, u.pincode, u.longitude, u.latitude,
                              u.language, u.notifications, u.preferred_categories, u.theme, u.is_onboarded);
    } catch (const platform::db::DbError& e) {
        if (!e.unique_violation() || e.constraint != "users_email_key") throw;
        email_taken = true;
    }
    if (email_taken) {
        throw platform::http::ApiError::conflict("another account uses this email address", "EMAIL_TAKEN",
                                                 {{"email", "is used by another account"}});
    }
    if (result->empty()) throw platform::http::ApiError::not_found("no user with this id");
    co_return user_from_row((*result)[0]);
}

asio::awaitable<std::vector<std::string>> UsersRepository::notifiable_ids(const Audience& audience,
                                                                          const std::string& after_id, int limit) {
    const auto result =
        co_await db_.query(named_query("users.notifiable_ids"), audience.city, audience.categories, after_id, limit);
    std::vector<std::string> ids;
    ids.reserve(result.size());
    for (const auto row : result) ids.push_back(row.get<std::string>("id"));
    co_return ids;
}

// Built from fixed fragments; every value is a parameter. Served by users_created_idx or
// users_role_created_idx, with the prefix indexes when searching.
asio::awaitable<std::vector<User>> UsersRepository::list(const ListQuery& q) {
    std::string sql = "SELECT " + std::string(kUserColumns) + " FROM users WHERE true";
    std::vector<std::string> params;
    const auto param = [&params](std::string value) {
        params.push_back(std::move(value));
        return "$" + std::to_string(params.size());
    };
    if (q.role) sql += " AND role = " + param(std::string(role_name(*q.role)));
    if (q.phone_prefix) sql += " AND phone_number LIKE " + param(like_prefix(*q.phone_prefix));
    if (q.name_prefix) {
        const std::string p = param(like_prefix(*q.name_prefix));
        sql += " AND (lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) LIKE " + p +
               " OR (last_name IS NOT NULL AND lower(last_name) LIKE " + p + "))";
    }
    if (q.after) {
        const std::string at = param(platform::db::text::encode_timestamp(q.after->created_at));
        sql += " AND (created_at, id) < (" + at + "::timestamptz, " + param(q.after->id) + ")";
    }
    sql += " ORDER BY created_at DESC, id DESC LIMIT " + std::to_string(q.limit);

    const auto result = co_await execute(db_, sql, params);
    std::vector<User> users;
    users.reserve(result.size());
    for (const auto row : result) users.push_back(user_from_row(row));
    co_return users;
}

}  // namespace superapp::features::users
