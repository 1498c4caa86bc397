#include "features/wallet/model.hpp"

#include <gtest/gtest.h>

namespace superapp::features::wallet {
namespace {

using platform::core::Money;

Entry sample_entry() {
    Entry e;
    e.id = "65a1f0c2e4b0a1b2c3d4e5f6";
    e.user_id = "64b7f0a1c2d3e4f5a6b7c803";
    e.type = EntryType::withdrawal;
    e.amount = Money::from_paise(150'50);
    e.description = "Withdrawal to UPI ananya@okaxis";
    e.source = {"withdrawal", "65a1f0c2e4b0a1b2c3d4e5f7"};
    e.status = EntryStatus::pending;
    e.balance_before = Money::from_paise(200'00);
    e.balance_after = Money::from_paise(49'50);
    e.created_at = platform::core::Timestamp(std::chrono::microseconds(1'732'492'800'123'456));
    e.wallet = {.balance = Money::from_paise(49'50),
                .total_earned = Money::from_paise(500'00),
                .total_spent = Money::from_paise(300'00),
                .pending = Money::from_paise(12'00)};
    return e;
}

TEST(WalletNames, RoundTripEveryTypeAndStatus) {
    for (auto type : {EntryType::earning, EntryType::spending, EntryType::refund, EntryType::withdrawal,
                      EntryType::cashback, EntryType::adjustment}) {
        EXPECT_EQ(parse_type(type_name(type)), type);
    }
    for (auto status : {EntryStatus::pending, EntryStatus::completed, EntryStatus::failed}) {
        EXPECT_EQ(parse_status(status_name(status)), status);
    }
    EXPECT_FALSE(parse_type("bonus"));
    EXPECT_FALSE(parse_status("done"));
}

TEST(WalletNames, OnlyAdjustmentsGoBothWays) {
    EXPECT_TRUE(may_credit(EntryType::refund));
    EXPECT_FALSE(may_debit(EntryType::refund));
    EXPECT_TRUE(may_debit(EntryType::withdrawal));
    EXPECT_FALSE(may_credit(EntryType::withdrawal));
    EXPECT_TRUE(may_credit(EntryType::adjustment));
    EXPECT_TRUE(may_debit(EntryType::adjustment));
}

TEST(WalletEntryJson, IsTheSeedsTransactionDocument) {
    const auto json = entry_json(sample_entry());
    EXPECT_EQ(json.at("_id"), "65a1f0c2e4b0a1b2c3d4e5f6");
    EXPECT_EQ(json.at("type"), "withdrawal");
    EXPECT_EQ(json.at("amount").as_double(), 150.5);
    EXPECT_EQ(json.at("source").at("type"), "withdrawal");
    EXPECT_EQ(json.at("status"), "pending");
    EXPECT_EQ(json.at("balanceBefore"), 200);
    EXPECT_EQ(json.at("balanceAfter").as_double(), 49.5);
    EXPECT_TRUE(json.at("processedAt").is_null());
    EXPECT_EQ(json.at("createdAt"), "2024-11-25T00:00:00.123Z");
    EXPECT_EQ(json.at("account"), "balance");
    EXPECT_TRUE(json.at("releaseAt").is_null());
}

TEST(WalletEntryJson, AHoldOfCashbackSaysItsAccountAndWhenItIsReleased) {
    Entry hold = sample_entry();
    hold.type = EntryType::cashback;
    hold.held = true;
    hold.release_at = platform::core::Timestamp(std::chrono::microseconds(1'733'097'600'000'000));
    const auto json = entry_json(hold);
    EXPECT_EQ(json.at("account"), "pending");
    EXPECT_EQ(json.at("releaseAt"), "2024-12-02T00:00:00.000Z");
}

TEST(WalletUpdateEvent, CarriesTheFiguresAfterTheRowToItsUser) {
    const auto event = wallet_update_event(sample_entry());
    EXPECT_EQ(event.name, "wallet_update");
    EXPECT_EQ(event.rooms, std::vector<std::string>{"user:64b7f0a1c2d3e4f5a6b7c803"});
    EXPECT_EQ(event.data.at("balance").as_double(), 49.5);
    EXPECT_EQ(event.data.at("totalEarned"), 500);
    EXPECT_EQ(event.data.at("totalSpent"), 300);
    EXPECT_EQ(event.data.at("pending"), 12);
    EXPECT_EQ(event.data.at("transaction").at("_id"), "65a1f0c2e4b0a1b2c3d4e5f6");
}

TEST(WalletWithdrawalJson, ShowsOnlyItsMethodsDetails) {
    Withdrawal w;
    w.id = "65a1f0c2e4b0a1b2c3d4e5f7";
    w.amount = Money::from_paise(100'00);
    w.payout = {.method = "upi", .upi_id = "ananya@okaxis"};
    const auto json = withdrawal_json(w);
    EXPECT_EQ(json.at("method"), "upi");
    EXPECT_EQ(json.at("upiId"), "ananya@okaxis");
    EXPECT_TRUE(json.at("accountNumber").is_null());
    EXPECT_TRUE(json.at("reason").is_null());
}

}  // namespace
}  // namespace superapp::features::wallet
