-- Settles a pending ledger row (the trigger refuses any other change); with its wallet's figures.
WITH settled AS (
    UPDATE wallet_transactions
    SET status = $2, processed_at = clock_timestamp()
    WHERE id = $1 AND status = 'pending'
    RETURNING id, user_id, type, amount, description, source_type, source_reference, status, balance_before,
              balance_after, metadata, processed_at, created_at, held, release_at
)
SELECT s.*, w.balance, w.pending, w.total_earned, w.total_spent
FROM settled s
JOIN wallets w ON w.user_id = s.user_id
