-- A user's ledger, newest first; served by wallet_transactions_user_created_idx.
-- $4/$5: created at or after / before; $6/$7: the cursor's position.
SELECT id, user_id, type, amount, description, source_type, source_reference, status, balance_before,
       balance_after, metadata, processed_at, created_at, held, release_at
FROM wallet_transactions
WHERE user_id = $1
  AND ($2::text IS NULL OR type = $2::text)
  AND ($3::text IS NULL OR status = $3::text)
  AND ($4::timestamptz IS NULL OR created_at >= $4::timestamptz)
  AND ($5::timestamptz IS NULL OR created_at < $5::timestamptz)
  AND ($6::timestamptz IS NULL OR (created_at, id) < ($6::timestamptz, $7::text))
ORDER BY created_at DESC, id DESC
LIMIT $8
