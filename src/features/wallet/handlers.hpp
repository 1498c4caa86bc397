#pragma once
#include "features/wallet/service.hpp"
#include "platform/http/router.hpp"

namespace superapp::features::wallet {

using platform::http::Handler;

/// GET /wallet/balance -> {balance, totalEarned, totalSpent, pendingWithdrawals, currency}
Handler handle_balance(WalletService& wallet);
/// GET /wallet/transactions?type&status&from&to&limit&cursor -> {items, nextCursor}
Handler handle_transactions(WalletService& wallet);
/// POST /wallet/withdraw {amount, method, upiId | accountNumber, ifsc, accountHolder} -> 201 the withdrawal
Handler handle_withdraw(WalletService& wallet);
/// GET /admin/wallet/withdrawals?status&limit&cursor -> {items, nextCursor}
Handler handle_list_withdrawals(WalletService& wallet);
/// PUT /admin/wallet/withdrawals/:id {status, reason?} -> the withdrawal
Handler handle_decide_withdrawal(WalletService& wallet);
/// POST /admin/wallet/adjustments {user, amount, reason} -> 201 the ledger row
Handler handle_adjust(WalletService& wallet);

}  // namespace superapp::features::wallet
