-- Holds of cashback whose time has come, oldest first; served by wallet_transactions_holds_due_idx.
SELECT id FROM wallet_transactions
WHERE held AND credit AND status = 'pending' AND release_at <= now()
ORDER BY release_at
LIMIT $1
