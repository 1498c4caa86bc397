#include "features/wallet/input.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "platform/core/config.hpp"
#include "platform/core/field_error.hpp"

namespace superapp::features::wallet {
namespace {

using platform::core::Money;
using platform::core::ValidationFailed;

const Money kMinimum = Money::from_paise(100'00);

// The fields a body's ValidationFailed names, in order.
template <class Read>
std::vector<std::string> invalid_fields(Read read) {
    try {
        read();
    } catch (const ValidationFailed& e) {
        std::vector<std::string> fields;
        for (const auto& error : e.errors()) fields.push_back(error.field);
        return fields;
    }
    return {};
}

TEST(WalletUpiId, AcceptsHandleAtProvider) {
    EXPECT_TRUE(valid_upi_id("ananya.iyer@okaxis"));
    EXPECT_TRUE(valid_upi_id("9876543210@ybl"));
    EXPECT_TRUE(valid_upi_id("a_b-c@paytm"));
    EXPECT_FALSE(valid_upi_id("ananya"));
    EXPECT_FALSE(valid_upi_id("a@okaxis"));
    EXPECT_FALSE(valid_upi_id("ananya@1bank"));
    EXPECT_FALSE(valid_upi_id("ananya@ok.axis"));
    EXPECT_FALSE(valid_upi_id("anan ya@okaxis"));
    EXPECT_FALSE(valid_upi_id("ananya@okaxis@x"));
}

TEST(WalletBankAccount, NumberIsNineToEighteenDigitsAndIfscHasItsShape) {
    EXPECT_TRUE(valid_account_number("123456789"));
    EXPECT_TRUE(valid_account_number("123456789012345678"));
    EXPECT_FALSE(valid_account_number("12345678"));
    EXPECT_FALSE(valid_account_number("1234567890123456789"));
    EXPECT_FALSE(valid_account_number("12345678x"));
    EXPECT_TRUE(valid_ifsc("SBIN0001234"));
    EXPECT_TRUE(valid_ifsc("HDFC0ABC123"));
    EXPECT_FALSE(valid_ifsc("SBIN1001234"));
    EXPECT_FALSE(valid_ifsc("sbin0001234"));
    EXPECT_FALSE(valid_ifsc("SBIN000123"));
    EXPECT_FALSE(valid_ifsc("SB1N0001234"));
}

TEST(WalletReadWithdrawal, ReadsUpiAndBankPayouts) {
    const auto upi = boost::json::parse(R"({"amount": 150.5, "method": "upi", "upiId": "ananya@okaxis"})");
    const WithdrawalRequest a = read_withdrawal(upi, kMinimum);
    EXPECT_EQ(a.amount, Money::from_paise(150'50));
    EXPECT_EQ(a.payout.method, "upi");
    EXPECT_EQ(a.payout.upi_id, "ananya@okaxis");

    const auto bank = boost::json::parse(
        R"({"amount": 100, "method": "bank", "accountNumber": "001234567890", "ifsc": "sbin0001234",
            "accountHolder": "Ananya Iyer"})");
    const WithdrawalRequest b = read_withdrawal(bank, kMinimum);
    EXPECT_EQ(b.payout.ifsc, "SBIN0001234");
    EXPECT_EQ(b.payout.account_holder, "Ananya Iyer");
}

TEST(WalletReadWithdrawal, NamesEveryBadField) {
    const auto below = boost::json::parse(R"({"amount": 99.99, "method": "upi", "upiId": "nope"})");
    EXPECT_EQ(invalid_fields([&] { read_withdrawal(below, kMinimum); }), (std::vector<std::string>{"amount", "upiId"}));
    const auto bank = boost::json::parse(R"({"amount": -1, "method": "bank", "accountNumber": "12", "ifsc": "X"})");
    EXPECT_EQ(invalid_fields([&] { read_withdrawal(bank, kMinimum); }),
              (std::vector<std::string>{"amount", "accountNumber", "ifsc", "accountHolder"}));
    const auto method = boost::json::parse(R"({"amount": 100, "method": "cash"})");
    EXPECT_EQ(invalid_fields([&] { read_withdrawal(method, kMinimum); }), (std::vector<std::string>{"method"}));
}

TEST(WalletReadDecision, FailedNeedsAReason) {
    EXPECT_EQ(read_decision(boost::json::parse(R"({"status": "completed"})")).status, EntryStatus::completed);
    const Decision failed = read_decision(boost::json::parse(R"({"status": "failed", "reason": "bank refused"})"));
    EXPECT_EQ(failed.status, EntryStatus::failed);
    EXPECT_EQ(failed.reason, "bank refused");
    EXPECT_EQ(invalid_fields([] { read_decision(boost::json::parse(R"({"status": "failed"})")); }),
              (std::vector<std::string>{"reason"}));
    EXPECT_EQ(invalid_fields([] { read_decision(boost::json::parse(R"({"status": "pending"})")); }),
              (std::vector<std::string>{"status"}));
}

TEST(WalletReadAdjustment, AmountIsSignedAndNotZero) {
    const Adjustment debit = read_adjustment(
        boost::json::parse(R"({"user": "65A1F0C2E4B0A1B2C3D4E5F6", "amount": -12.5, "reason": "duplicate reward"})"));
    EXPECT_EQ(debit.user_id, "65a1f0c2e4b0a1b2c3d4e5f6");
    EXPECT_EQ(debit.amount, Money::from_paise(-12'50));
    EXPECT_EQ(invalid_fields([] { read_adjustment(boost::json::parse(R"({"user": "x", "amount": 0})")); }),
              (std::vector<std::string>{"user", "amount", "reason"}));
}

TEST(WalletSettings, MinimumWithdrawalIsRupeesFromTheEnvironment) {
    platform::core::Env env;
    EXPECT_EQ(load_settings(env).min_withdrawal, Money::from_paise(100'00));
    env.set("WALLET_MIN_WITHDRAWAL", "0.5");
    EXPECT_EQ(load_settings(env).min_withdrawal, Money::from_paise(50));
    env.set("WALLET_MIN_WITHDRAWAL", "0");
    EXPECT_THROW(load_settings(env), platform::core::ConfigError);
    env.set("WALLET_MIN_WITHDRAWAL", "ten");
    EXPECT_THROW(load_settings(env), platform::core::ConfigError);
}

}  // namespace
}  // namespace superapp::features::wallet
