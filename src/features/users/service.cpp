#include "features/users/service.hpp"

#include <algorithm>
#include <charconv>

#include "platform/core/base64.hpp"
#include "platform/core/object_id.hpp"
#include "platform/http/api_error.hpp"

namespace superapp::features::users {

namespace asio = boost::asio;
using platform::http::ApiError;

namespace {

constexpr int kMaxLimit = 100;
constexpr std::size_t kMaxSearch = 50;

bool is_phone_like(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || c == '+' || c == ' ' || c == '-';
           }) && text.find_first_of("0123456789") != std::string_view::npos;
}

// "98765" -> "+9198765", "+91 98765" -> "+9198765", "09876543210" -> "+919876543210",
// "919876543210" -> "+919876543210".
std::string phone_prefix(std::string_view text, const std::string& country_code) {
    std::string digits;
    for (char c : text) {
        if (c >= '0' && c <= '9') digits += c;
    }
    if (text.front() == '+') return "+" + digits;
    if (digits.size() > 10 && digits.starts_with(country_code)) return "+" + digits;
    if (digits.starts_with('0')) digits.erase(0, 1);
    return "+" + country_code + digits;
}

std::string lowercase(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

std::string list_cursor(const User& user) {
    const auto micros = user.created_at.time_since_epoch().count();
    return platform::core::base64url_encode(std::to_string(micros) + "." + user.id);
}

std::optional<ListPosition> parse_list_cursor(std::string_view cursor) {
    const auto text = platform::core::base64url_decode(cursor);
    if (!text) return std::nullopt;
    const std::size_t dot = text->find('.');
    if (dot == std::string::npos) return std::nullopt;
    long long micros = 0;
    const char* first = text->data();
    const char* last = text->data() + dot;
    auto [end, ec] = std::from_chars(first, last, micros);
    if (ec != std::errc{} || end != last) return std::nullopt;
    const std::string id = text->substr(dot + 1);
    if (!platform::core::ObjectId::is_valid(id)) return std::nullopt;
    return ListPosition{platform::core::Timestamp(std::chrono::microseconds(micros)), id};
}

UsersService::UsersService(platform::db::Database& db, std::string default_country_code)
    : repo_(db), country_code_(std::move(default_country_code)) {}

asio::awaitable<Account> UsersService::find_or_create_by_phone(const std::string& e164,
                                                               std::optional<Role> role_on_create) {
    auto existing = co_await repo_.account_by_phone(e164);
    if (existing) co_return std::move(*existing);
    const std::string id = platform::core::ObjectId::generate().to_string();
    auto created = co_await repo_.insert_account(id, e164, role_on_create.value_or(Role::user));
    if (created) {
        created->is_new = true;
        co_return std::move(*created);
    }
    // Another request created it between the two statements.
    existing = co_await repo_.account_by_phone(e164);
    if (existing) co_return std::move(*existing);
    throw std::runtime_error("users: account for a phone number vanished while it was created");
}

// An id that is not 24 hex digits matches no row, so it needs no check of its own.
asio::awaitable<std::optional<Account>> UsersService::find(const std::string& id) { return repo_.account_by_id(id); }

asio::awaitable<std::optional<User>> UsersService::user(const std::string& id) { return repo_.user_by_id(id); }

asio::awaitable<void> UsersService::record_login(const std::string& id) {
    const bool found = co_await repo_.record_login(id);
    if (!found) throw ApiError::not_found("no user with this id");
}

asio::awaitable<Account> UsersService::set_role(const std::string& id, Role role) {
    std::optional<Account> account;
    if (platform::core::ObjectId::is_valid(id)) account = co_await repo_.set_role(id, role);
    if (!account) throw ApiError::not_found("no user with this id");
    co_return std::move(*account);
}

asio::awaitable<Page> UsersService::list(const ListFilter& filter) {
    ListQuery query;
    query.role = filter.role;
    query.limit = std::clamp(filter.limit, 1, kMaxLimit) + 1;  // one more tells whether a next page exists
    if (filter.cursor) {
        query.after = parse_list_cursor(*filter.cursor);
        if (!query.after) {
            throw ApiError::invalid_field("cursor", "must be a cursor from a previous page");
        }
    }
    if (filter.search) {
        const std::string_view search = trim(*filter.search);
        if (search.empty() || search.size() > kMaxSearch) {
            throw ApiError::invalid_field("q", "must be 1 to 50 characters");
        }
        if (is_phone_like(search)) {
            query.phone_prefix = phone_prefix(search, country_code_);
        } else {
            query.name_prefix = lowercase(search);
        }
    }
    auto users = co_await repo_.list(query);
    Page page;
    if (static_cast<int>(users.size()) == query.limit) {
        users.pop_back();
        page.next_cursor = list_cursor(users.back());
    }
    page.items = std::move(users);
    co_return page;
}

}  // namespace superapp::features::users
