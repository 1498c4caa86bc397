#include "features/notifications/service.hpp"

#include <gtest/gtest.h>

#include "platform/core/field_error.hpp"

namespace superapp::features::notifications {
namespace {

TEST(NotificationsListCursor, ReadsBackThePositionItWasMadeFrom) {
    Notification n;
    n.id = "65a1f0c2e4b0a1b2c3d4e5f6";
    n.created_at = platform::core::Timestamp(std::chrono::microseconds(1'732'492'800'123'456));
    const auto position = parse_list_cursor(list_cursor(n));
    ASSERT_TRUE(position);
    EXPECT_EQ(position->id, n.id);
    EXPECT_EQ(position->created_at, n.created_at);
}

TEST(NotificationsListCursor, RefusesCursorsItDidNotMake) {
    EXPECT_FALSE(parse_list_cursor(""));
    EXPECT_FALSE(parse_list_cursor("not a cursor"));
    EXPECT_FALSE(parse_list_cursor("MTIzNDU"));                             // "12345": no id
    EXPECT_FALSE(parse_list_cursor("LjY1YTFmMGMyZTRiMGExYjJjM2Q0ZTVmNg"));  // ".65a1...": no time
}

TEST(NotificationsCheckNew, AcceptsTheSeedsTypesAndCategories) {
    for (const char* type : {"info", "success", "warning", "error"}) EXPECT_TRUE(is_type(type)) << type;
    for (const char* category : {"order", "earning", "general", "promotional"}) {
        EXPECT_TRUE(is_category(category)) << category;
    }
    EXPECT_FALSE(is_type("urgent"));
    EXPECT_FALSE(is_category("Order"));
    EXPECT_NO_THROW(
        check_new({.title = "Order shipped", .message = "On its way", .type = "success", .category = "order"}));
}

TEST(NotificationsCheckNew, NamesEveryFieldThatIsNotAcceptable) {
    try {
        check_new({.title = "", .message = std::string(2001, 'x'), .type = "loud", .category = "misc"});
        FAIL() << "expected ValidationFailed";
    } catch (const platform::core::ValidationFailed& e) {
        std::vector<std::string> fields;
        for (const auto& error : e.errors()) fields.push_back(error.field);
        EXPECT_EQ(fields, (std::vector<std::string>{"title", "message", "type", "category"}));
    }
}

// "क" (U+0915, DEVANAGARI LETTER KA): one character, three bytes of UTF-8.
std::string devanagari(std::size_t characters) {
    std::string out;
    for (std::size_t i = 0; i < characters; ++i) out += "\u0915";
    return out;
}

std::vector<std::string> refused_fields(const NewNotification& n) {
    try {
        check_new(n);
    } catch (const platform::core::ValidationFailed& e) {
        std::vector<std::string> fields;
        for (const auto& error : e.errors()) fields.push_back(error.field + ": " + error.message);
        return fields;
    }
    return {};
}

TEST(NotificationsCheckNew, CountsCharactersNotBytes) {
    ASSERT_EQ(devanagari(200).size(), 600u);
    EXPECT_EQ(refused_fields({.title = devanagari(200), .message = devanagari(2000)}), std::vector<std::string>{})
        << "200 and 2000 Devanagari characters are within the limits";
    EXPECT_EQ(refused_fields({.title = "नमस्ते दुनिया, आज की खास पेशकश", .message = devanagari(70)}),
              std::vector<std::string>{});
    EXPECT_EQ(
        refused_fields({.title = devanagari(201), .message = devanagari(2001)}),
        (std::vector<std::string>{"title: must be 1 to 200 characters", "message: must be 1 to 2000 characters"}));
}

TEST(NotificationsCheckNew, RefusesTextThatIsNotUtf8) {
    EXPECT_EQ(refused_fields({.title = "Sale \xE0\xA4", .message = "ok"}),
              std::vector<std::string>{"title: must be valid UTF-8 text"});
}

TEST(NotificationsJson, HasTheSeedsShape) {
    Notification n;
    n.id = "65a1f0c2e4b0a1b2c3d4e5f6";
    n.user_id = "65a1f0c2e4b0a1b2c3d4e5f7";
    n.title = "Hi";
    n.message = "There";
    n.type = "info";
    n.category = "general";
    n.created_at = platform::core::Timestamp(std::chrono::microseconds(0));
    const auto json = notification_json(n);
    EXPECT_EQ(json.at("user").as_string(), n.user_id);
    EXPECT_FALSE(json.at("isRead").as_bool());
    EXPECT_TRUE(json.at("readAt").is_null());
    EXPECT_TRUE(json.at("expiresAt").is_null());
    EXPECT_TRUE(json.at("data").is_object());
    EXPECT_EQ(json.at("createdAt").as_string(), "1970-01-01T00:00:00.000Z");
}

}  // namespace
}  // namespace superapp::features::notifications
