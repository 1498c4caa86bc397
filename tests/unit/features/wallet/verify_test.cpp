#include "features/wallet/verify.hpp"

#include <gtest/gtest.h>

namespace superapp::features::wallet {
namespace {

using platform::core::Money;

LedgerCheck agreeing() {
    LedgerCheck c;
    c.user_id = "64b7f0a1c2d3e4f5a6b7c803";
    c.has_wallet = true;
    c.wallet = {Money::from_paise(418'45), Money::from_paise(767'45), Money::from_paise(349'00)};
    c.ledger = c.wallet;
    c.wallet_entries = c.ledger_entries = 4;
    c.last_balance_after = c.wallet.balance;
    return c;
}

TEST(WalletVerify, AWalletThatAgreesHasNoMismatch) {
    EXPECT_TRUE(mismatches(agreeing()).empty());
    LedgerCheck empty;
    empty.user_id = "64b7f0a1c2d3e4f5a6b7c801";
    empty.has_wallet = true;
    EXPECT_TRUE(mismatches(empty).empty());
}

TEST(WalletVerify, NamesEachFigureThatDiffers) {
    LedgerCheck c = agreeing();
    c.wallet.balance = Money::from_paise(419'45);
    c.wallet.total_spent = Money();
    const auto lines = mismatches(c);
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0], "user 64b7f0a1c2d3e4f5a6b7c803: balance is 419.45 but the ledger says 418.45");
    EXPECT_EQ(lines[1], "user 64b7f0a1c2d3e4f5a6b7c803: totalSpent is 0.00 but the ledger says 349.00");
    EXPECT_EQ(lines[2], "user 64b7f0a1c2d3e4f5a6b7c803: balance is 419.45 but the last ledger row ends at 418.45");
}

TEST(WalletVerify, ABrokenChainOrMissingRowIsAMismatch) {
    LedgerCheck c = agreeing();
    c.first_break = "65a1f0c2e4b0a1b2c3d4e5f6";
    c.wallet_entries = 5;
    const auto lines = mismatches(c);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_NE(lines[0].find("counts 5 ledger rows but there are 4"), std::string::npos);
    EXPECT_NE(lines[1].find("ledger row 65a1f0c2e4b0a1b2c3d4e5f6"), std::string::npos);
    LedgerCheck orphan = agreeing();
    orphan.has_wallet = false;
    EXPECT_EQ(mismatches(orphan).size(), 1u);
}

TEST(WalletVerify, HeldCashbackMustMatchTheHeldRowsAndTheOpenHolds) {
    LedgerCheck c = agreeing();
    c.wallet.pending = c.ledger.pending = c.open_holds = c.last_pending_after = Money::from_paise(50'00);
    EXPECT_TRUE(mismatches(c).empty());

    // Held money that no pending hold explains (a hold released without its held debit).
    c.open_holds = Money();
    auto lines = mismatches(c);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(
        lines[0],
        "user 64b7f0a1c2d3e4f5a6b7c803: pending is 50.00 but the holds not yet released or reversed come to 0.00");

    c = agreeing();
    c.wallet.pending = Money::from_paise(50'00);  // the wallet says more is held than its held rows
    lines = mismatches(c);
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0], "user 64b7f0a1c2d3e4f5a6b7c803: pending (held cashback) is 50.00 but the ledger says 0.00");
}

}  // namespace
}  // namespace superapp::features::wallet
