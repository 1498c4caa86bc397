#include "features/wallet/verify.hpp"

namespace superapp::features::wallet {

namespace asio = boost::asio;
using platform::core::Money;

namespace {

void compare(std::vector<std::string>& out, const LedgerCheck& c, const char* what, Money wallet, Money ledger) {
    if (wallet == ledger) return;
    out.push_back("user " + c.user_id + ": " + what + " is " + wallet.to_string() + " but the ledger says " +
                  ledger.to_string());
}

}  // namespace

std::vector<std::string> mismatches(const LedgerCheck& c) {
    std::vector<std::string> out;
    if (!c.has_wallet) {
        out.push_back("user " + c.user_id + ": " + std::to_string(c.ledger_entries) + " ledger rows but no wallet");
        return out;
    }
    compare(out, c, "balance", c.wallet.balance, c.ledger.balance);
    compare(out, c, "totalEarned", c.wallet.total_earned, c.ledger.total_earned);
    compare(out, c, "totalSpent", c.wallet.total_spent, c.ledger.total_spent);
    compare(out, c, "pending (held cashback)", c.wallet.pending, c.ledger.pending);
    if (c.wallet.pending != c.open_holds) {
        out.push_back("user " + c.user_id + ": pending is " + c.wallet.pending.to_string() +
                      " but the holds not yet released or reversed come to " + c.open_holds.to_string());
    }
    if (c.wallet_entries != c.ledger_entries) {
        out.push_back("user " + c.user_id + ": the wallet counts " + std::to_string(c.wallet_entries) +
                      " ledger rows but there are " + std::to_string(c.ledger_entries));
    }
    if (c.ledger_entries > 0 && c.wallet.balance != c.last_balance_after) {
        out.push_back("user " + c.user_id + ": balance is " + c.wallet.balance.to_string() +
                      " but the last ledger row ends at " + c.last_balance_after.to_string());
    }
    if (c.wallet.pending != c.last_pending_after) {
        out.push_back("user " + c.user_id + ": pending is " + c.wallet.pending.to_string() +
                      " but the last held ledger row ends at " + c.last_pending_after.to_string());
    }
    if (c.first_break) {
        out.push_back("user " + c.user_id + ": ledger row " + *c.first_break +
                      " does not start where the row before it ended");
    }
    return out;
}

asio::awaitable<int> verify_all(platform::db::Database& db, std::FILE* out) {
    WalletRepository repo(db);
    const std::vector<LedgerCheck> checks = co_await repo.check_all();
    std::size_t wrong = 0;
    for (const LedgerCheck& c : checks) {
        const auto lines = mismatches(c);
        if (!lines.empty()) ++wrong;
        for (const auto& line : lines) std::fprintf(out, "%s\n", line.c_str());
    }
    std::fprintf(out, "%zu wallets checked, %zu agree with the ledger, %zu do not\n", checks.size(),
                 checks.size() - wrong, wrong);
    co_return wrong == 0 ? 0 : 1;
}

}  // namespace superapp::features::wallet
