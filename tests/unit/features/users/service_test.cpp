#include "features/users/service.hpp"

#include <gtest/gtest.h>

namespace superapp::features::users {
namespace {

TEST(UsersListCursor, ReadsBackThePositionItWasMadeFrom) {
    User user;
    user.id = "65a1f0c2e4b0a1b2c3d4e5f6";
    user.created_at = platform::core::Timestamp(std::chrono::microseconds(1'732'492'800'123'456));
    const auto position = parse_list_cursor(list_cursor(user));
    ASSERT_TRUE(position);
    EXPECT_EQ(position->id, user.id);
    EXPECT_EQ(position->created_at, user.created_at);
}

TEST(UsersListCursor, RefusesCursorsItDidNotMake) {
    EXPECT_FALSE(parse_list_cursor(""));
    EXPECT_FALSE(parse_list_cursor("not a cursor"));
    EXPECT_FALSE(parse_list_cursor("MTIzNDU"));                                 // "12345": no id
    EXPECT_FALSE(parse_list_cursor("MTIzLnh5eg"));                              // "123.xyz": not an ObjectId
    EXPECT_FALSE(parse_list_cursor("YWJjLjY1YTFmMGMyZTRiMGExYjJjM2Q0ZTVmNg"));  // "abc.<id>"
}

TEST(UserJson, HasTheSeedShapeWithNullsForUnsetFields) {
    User user;
    user.id = "65a1f0c2e4b0a1b2c3d4e5f6";
    user.phone_number = "+919876543210";
    user.role = Role::merchant;
    user.first_name = "Asha";
    user.longitude = 77.5946;
    user.latitude = 12.9716;
    user.preferred_categories = {"65a1f0c2e4b0a1b2c3d4e5f7"};
    user.is_verified = true;
    const auto json = user_json(user);
    EXPECT_EQ(json.at("_id"), "65a1f0c2e4b0a1b2c3d4e5f6");
    EXPECT_EQ(json.at("phoneNumber"), "+919876543210");
    EXPECT_TRUE(json.at("email").is_null());
    EXPECT_EQ(json.at("role"), "merchant");
    EXPECT_EQ(json.at("profile").at("firstName"), "Asha");
    EXPECT_TRUE(json.at("profile").at("lastName").is_null());
    EXPECT_EQ(json.at("profile").at("location").at("coordinates").as_array().size(), 2u);
    EXPECT_EQ(json.at("preferences").at("theme"), "light");
    EXPECT_EQ(json.at("preferences").at("categories").as_array().size(), 1u);
    EXPECT_EQ(json.at("auth").at("isVerified"), true);
    EXPECT_TRUE(json.at("auth").at("lastLogin").is_null());
    EXPECT_EQ(json.at("createdAt"), "1970-01-01T00:00:00.000Z");
}

TEST(UserRoles, NamesAndParsesTheStoredRoles) {
    for (Role role : {Role::user, Role::merchant, Role::admin}) EXPECT_EQ(parse_role(role_name(role)), role);
    EXPECT_FALSE(parse_role("anyone"));
    EXPECT_FALSE(parse_role("Admin"));
}

// --- profile, preferences, onboarding ---------------------------------------------------------

using namespace std::chrono;

template <class T>
Update<T> set(T value) {
    return Update<T>(std::in_place, std::move(value));
}
template <class T>
Update<T> clear() {
    return Update<T>(std::in_place);
}

TEST(ProfileUpdate, ChangesOnlyTheFieldsSentAndClearsTheNullOnes) {
    User user;
    user.first_name = "Asha";
    user.last_name = "Rao";
    user.city = "Pune";
    user.longitude = 73.85;
    user.latitude = 18.52;
    ProfileUpdate update;
    update.last_name = clear<std::string>();
    update.state = set<std::string>("Maharashtra");
    update.coordinates = clear<platform::core::Coordinates>();
    const User after = apply_profile(user, update);
    EXPECT_EQ(after.first_name, "Asha");
    EXPECT_FALSE(after.last_name);
    EXPECT_EQ(after.city, "Pune");
    EXPECT_EQ(after.state, "Maharashtra");
    EXPECT_FALSE(after.longitude);
    EXPECT_FALSE(after.latitude);

    update = {};
    update.coordinates = set(platform::core::Coordinates{77.59, 12.97});
    const User moved = apply_profile(after, update);
    EXPECT_EQ(moved.longitude, 77.59);
    EXPECT_EQ(moved.latitude, 12.97);
}

TEST(Onboarding, NeedsAFirstNameAndALanguageOrCategoryAndThenStays) {
    User user;
    PreferencesUpdate prefs;
    prefs.theme = "dark";
    prefs.notifications = false;
    user = apply_preferences(user, prefs);
    EXPECT_FALSE(user.is_onboarded) << "theme and notifications always have a value: they do not count";

    ProfileUpdate named;
    named.first_name = "Asha";
    user = apply_profile(user, named);
    EXPECT_FALSE(user.is_onboarded);

    prefs = {};
    prefs.language = set<std::string>("ta");
    user = apply_preferences(user, prefs);
    EXPECT_TRUE(user.is_onboarded);

    prefs.language = clear<std::string>();
    user = apply_preferences(user, prefs);
    EXPECT_TRUE(user.is_onboarded) << "onboarding happens once";

    User with_category;
    with_category.first_name = "Ravi";
    with_category.preferred_categories = {"65a1f0c2e4b0a1b2c3d4e5f6"};
    EXPECT_TRUE(is_onboarded(with_category));
}

TEST(DateOfBirth, MustBeThirteenYearsAgoOrMore) {
    const year_month_day today{2026y, November, 25d};
    EXPECT_FALSE(date_of_birth_problem({2013y, November, 25d}, today)) << "13 today";
    EXPECT_EQ(date_of_birth_problem({2013y, November, 26d}, today), "must be at least 13 years ago");
    EXPECT_FALSE(date_of_birth_problem({1990y, May, 15d}, today));
    EXPECT_EQ(date_of_birth_problem(today, today), "must be in the past");
    EXPECT_EQ(date_of_birth_problem({2030y, January, 1d}, today), "must be in the past");
    EXPECT_EQ(date_of_birth_problem({1899y, December, 31d}, today), "must be in 1900 or later");
}

TEST(DateOfBirth, LeapDayBirthdaysComeOnTheFirstOfMarch) {
    const year_month_day born{2012y, February, 29d};
    EXPECT_TRUE(date_of_birth_problem(born, {2025y, February, 28d}));
    EXPECT_FALSE(date_of_birth_problem(born, {2025y, March, 1d}));
}

TEST(ProfileJson, IsTheUserWithItsReadOnlyWallet) {
    ProfileView view;
    view.user.id = "65a1f0c2e4b0a1b2c3d4e5f6";
    view.wallet.balance = platform::core::Money::from_paise(49950);
    const auto json = profile_json(view);
    EXPECT_EQ(json.at("_id"), "65a1f0c2e4b0a1b2c3d4e5f6");
    EXPECT_EQ(json.at("wallet").at("balance").as_double(), 499.5);
    EXPECT_EQ(json.at("wallet").at("totalEarned"), 0);
    EXPECT_EQ(json.at("wallet").at("totalSpent"), 0);
}

}  // namespace
}  // namespace superapp::features::users
