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
    EXPECT_FALSE(parse_list_cursor("MTIzNDU"));              // "12345": no id
    EXPECT_FALSE(parse_list_cursor("MTIzLnh5eg"));           // "123.xyz": not an ObjectId
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

}  // namespace
}  // namespace superapp::features::users
