#include "features/auth/phone.hpp"

#include <gtest/gtest.h>

namespace superapp::features::auth {
namespace {

TEST(NormalizePhone, ReadsEveryUsualWayOfWritingAnIndianMobileNumber) {
    for (const char* written :
         {"+91 98765 43210", "+919876543210", "098765 43210", "09876543210", "9876543210", "98765 43210", "98765-43210",
          "+91-98765-43210", "91 98765 43210", "919876543210", "0091 98765 43210", "(+91) 98765 43210",
          "+91 (98765) 43210", "98765.43210", " 9876543210 "}) {
        EXPECT_EQ(normalize_phone(written, "91"), "+919876543210") << written;
    }
}

TEST(NormalizePhone, AcceptsEveryIndianMobileSeries) {
    EXPECT_EQ(normalize_phone("6000000000", "91"), "+916000000000");
    EXPECT_EQ(normalize_phone("7123456789", "91"), "+917123456789");
    EXPECT_EQ(normalize_phone("8123456789", "91"), "+918123456789");
    EXPECT_EQ(normalize_phone("9123456789", "91"), "+919123456789");
}

TEST(NormalizePhone, RefusesWhatIsNotAnIndianMobileNumber) {
    for (const char* written : {"",
                                " ",
                                "+",
                                "12345",
                                "987654321",
                                "98765432100",
                                "5876543210",
                                "0876543210",
                                "+91 5876543210",
                                "+91 987654321",
                                "+91 98765432101",
                                "+910987654321",
                                "98765 4321O",
                                "98765_43210",
                                "+91 98765 43210 ext 2",
                                "++919876543210",
                                "91+9876543210",
                                "9876543210+",
                                "+91/9876543210",
                                "98765\t43210",
                                "abc",
                                "१२३४५६७८९०",
                                "0000000000",
                                "00"}) {
        EXPECT_FALSE(normalize_phone(written, "91")) << written;
    }
}

TEST(NormalizePhone, RefusesOverlongInput) { EXPECT_FALSE(normalize_phone(std::string(40, ' ') + "9876543210", "91")); }

TEST(NormalizePhone, KeepsOtherCountriesWithinE164Lengths) {
    EXPECT_EQ(normalize_phone("+44 7911 123456", "91"), "+447911123456");
    EXPECT_EQ(normalize_phone("+1 (415) 555-2671", "91"), "+14155552671");
    EXPECT_FALSE(normalize_phone("+1 415", "91"));
    EXPECT_FALSE(normalize_phone("+1234567890123456", "91"));  // 16 digits
    EXPECT_FALSE(normalize_phone("+0 415 555 2671", "91"));
}

TEST(NormalizePhone, ReadsNationalNumbersInTheDefaultCountry) {
    EXPECT_EQ(normalize_phone("07911 123456", "44"), "+447911123456");
    EXPECT_EQ(normalize_phone("7911 123456", "44"), "+447911123456");
    // An Indian number written internationally keeps India's rule whatever the default.
    EXPECT_EQ(normalize_phone("+91 98765 43210", "44"), "+919876543210");
    EXPECT_FALSE(normalize_phone("+91 5876543210", "44"));
}

TEST(NormalizePhone, RefusesABadDefaultCountry) {
    EXPECT_FALSE(normalize_phone("9876543210", ""));
    EXPECT_FALSE(normalize_phone("9876543210", "091"));
    EXPECT_FALSE(normalize_phone("9876543210", "9x"));
}

TEST(CountryCode, IsOneToThreeDigitsWithoutALeadingZero) {
    EXPECT_TRUE(valid_country_code("1"));
    EXPECT_TRUE(valid_country_code("91"));
    EXPECT_TRUE(valid_country_code("971"));
    EXPECT_FALSE(valid_country_code(""));
    EXPECT_FALSE(valid_country_code("0"));
    EXPECT_FALSE(valid_country_code("9100"));
    EXPECT_FALSE(valid_country_code("+91"));
}

}  // namespace
}  // namespace superapp::features::auth
