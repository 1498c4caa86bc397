-- Withdrawals newest first, optionally of one status; served by withdrawals_status_created_idx
-- or withdrawals_created_idx. $2/$3: the cursor's position.
SELECT id, user_id, amount, method, upi_id, account_number, ifsc, account_holder, status, reason, transaction_id,
       processed_at, created_at, updated_at
FROM withdrawals
WHERE ($1::text IS NULL OR status = $1::text)
  AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::text))
ORDER BY created_at DESC, id DESC
LIMIT $4
