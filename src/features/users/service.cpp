#include "features/users/service.hpp"

#include <algorithm>
#include <charconv>

#include "platform/core/base64.hpp"
#include "platform/core/field_error.hpp"
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
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

std::string list_cursor(const User& user) { return platform::core::encode_cursor({user.created_at, user.id}); }

std::optional<ListPosition> parse_list_cursor(std::string_view cursor) { return platform::core::decode_cursor(cursor); }

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

asio::awaitable<std::vector<std::string>> UsersService::notifiable_ids(const Audience& audience,
                                                                       const std::string& after_id, int limit) {
    return repo_.notifiable_ids(audience, after_id, std::clamp(limit, 1, 10000));
}

// --- profile, preferences, avatar ---------------------------------------------------------------

namespace {

constexpr int kMinimumAge = 13;
constexpr std::chrono::year kEarliestBirthYear{1900};

template <class T>
void apply_update(std::optional<T>& field, const Update<T>& update) {
    if (update) field = *update;
}

asio::awaitable<User> save_profile_update(platform::db::Tx& tx, const std::string& id, const ProfileUpdate& update) {
    auto user = co_await UsersRepository::user_for_update(tx, id);
    if (!user) throw ApiError::not_found("no user with this id");
    co_return co_await UsersRepository::save_profile(tx, apply_profile(std::move(*user), update));
}

asio::awaitable<User> save_preferences_update(platform::db::Tx& tx, const std::string& id,
                                              const PreferencesUpdate& update) {
    auto user = co_await UsersRepository::user_for_update(tx, id);
    if (!user) throw ApiError::not_found("no user with this id");
    co_return co_await UsersRepository::save_profile(tx, apply_preferences(std::move(*user), update));
}

struct AvatarChange {
    User user;
    std::optional<std::string> previous_url;
};

asio::awaitable<AvatarChange> save_avatar(platform::db::Tx& tx, const std::string& id, const std::string& url) {
    auto user = co_await UsersRepository::user_for_update(tx, id);
    if (!user) throw ApiError::not_found("no user with this id");
    AvatarChange change{std::move(*user), std::nullopt};
    change.previous_url = std::exchange(change.user.avatar_url, url);
    change.user = co_await UsersRepository::save_profile(tx, change.user);
    co_return change;
}

}  // namespace

bool is_onboarded(const User& user) {
    const bool has_preference = user.language.has_value() || !user.preferred_categories.empty();
    return user.is_onboarded || (user.first_name.has_value() && has_preference);
}

User apply_profile(User user, const ProfileUpdate& update) {
    apply_update(user.email, update.email);
    if (update.first_name) user.first_name = *update.first_name;
    apply_update(user.last_name, update.last_name);
    apply_update(user.date_of_birth, update.date_of_birth);
    apply_update(user.gender, update.gender);
    apply_update(user.address, update.address);
    apply_update(user.city, update.city);
    apply_update(user.state, update.state);
    apply_update(user.pincode, update.pincode);
    if (update.coordinates) {
        user.longitude = *update.coordinates ? std::optional(update.coordinates->value().longitude) : std::nullopt;
        user.latitude = *update.coordinates ? std::optional(update.coordinates->value().latitude) : std::nullopt;
    }
    user.is_onboarded = is_onboarded(user);
    return user;
}

User apply_preferences(User user, const PreferencesUpdate& update) {
    apply_update(user.language, update.language);
    if (update.notifications) user.notifications = *update.notifications;
    if (update.categories) user.preferred_categories = *update.categories;
    if (update.theme) user.theme = *update.theme;
    user.is_onboarded = is_onboarded(user);
    return user;
}

std::optional<std::string> date_of_birth_problem(std::chrono::year_month_day born, std::chrono::year_month_day today) {
    if (!born.ok()) return "must be a real calendar date";
    if (born >= today) return "must be in the past";
    if (born.year() < kEarliestBirthYear) return "must be in 1900 or later";
    // Whole years lived: a birthday counts once its month and day are reached (29 February on
    // 1 March in other years).
    int age = static_cast<int>(today.year()) - static_cast<int>(born.year());
    const auto month_day = [](std::chrono::year_month_day d) {
        return static_cast<unsigned>(d.month()) * 100 + static_cast<unsigned>(d.day());
    };
    if (month_day(today) < month_day(born)) --age;
    if (age < kMinimumAge) return "must be at least " + std::to_string(kMinimumAge) + " years ago";
    return std::nullopt;
}

boost::json::object profile_json(const ProfileView& view) {
    boost::json::object body = user_json(view.user);
    body["wallet"] = boost::json::object{{"balance", view.wallet.balance.to_json()},
                                         {"totalEarned", view.wallet.total_earned.to_json()},
                                         {"totalSpent", view.wallet.total_spent.to_json()}};
    return body;
}

ProfileService::ProfileService(platform::db::Database& db, media::MediaService& media, CategoryDirectory& categories,
                               WalletFiguresSource& wallet)
    : db_(db), repo_(db), media_(media), categories_(categories), wallet_(wallet) {}

asio::awaitable<ProfileView> ProfileService::view(User user) {
    WalletFigures wallet = co_await wallet_.figures(user.id);
    co_return ProfileView{std::move(user), wallet};
}

asio::awaitable<ProfileView> ProfileService::get(const std::string& user_id) {
    auto user = co_await repo_.user_by_id(user_id);
    if (!user) throw ApiError::not_found("no user with this id");
    co_return co_await view(std::move(*user));
}

asio::awaitable<ProfileView> ProfileService::update_profile(const std::string& user_id, ProfileUpdate update) {
    User user = co_await db_.transaction(save_profile_update, user_id, std::move(update));
    co_return co_await view(std::move(user));
}

asio::awaitable<ProfileView> ProfileService::update_preferences(const std::string& user_id, PreferencesUpdate update) {
    if (update.categories && !update.categories->empty()) {
        const std::vector<std::string> unknown = co_await categories_.unknown(*update.categories);
        std::vector<platform::core::FieldError> errors;
        for (std::size_t i = 0; i < update.categories->size(); ++i) {
            const std::string& id = (*update.categories)[i];
            if (std::find(unknown.begin(), unknown.end(), id) != unknown.end()) {
                errors.push_back({"categories[" + std::to_string(i) + "]", "no category has this id"});
            }
        }
        if (!errors.empty()) throw platform::core::ValidationFailed(std::move(errors));
    }
    User user = co_await db_.transaction(save_preferences_update, user_id, std::move(update));
    co_return co_await view(std::move(user));
}

asio::awaitable<ProfileView> ProfileService::set_avatar(const std::string& user_id, std::string image) {
    const media::StoredFile file = co_await media_.save_image(std::move(image), "avatar");
    std::optional<AvatarChange> change;
    std::exception_ptr failure;
    try {
        change = co_await db_.transaction(save_avatar, user_id, file.url);
    } catch (...) {
        failure = std::current_exception();
    }
    if (failure) {
        co_await media_.remove_url(file.url);  // kept for nobody
        std::rethrow_exception(failure);
    }
    // Only once the new avatar is committed does the old file go.
    if (change->previous_url && *change->previous_url != file.url) co_await media_.remove_url(*change->previous_url);
    co_return co_await view(std::move(change->user));
}

}  // namespace superapp::features::users
