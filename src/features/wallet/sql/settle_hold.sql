-- Ends a pending hold of cashback: $1 its id, or (with $1 null) the hold of source $2 (an order).
-- The row lock makes one caller win when the release job and a cancellation meet; no row when the
-- hold is not pending any more (or there is none). $3: completed (released) or failed (reversed).
UPDATE wallet_transactions
SET status = $3, processed_at = clock_timestamp()
WHERE held AND credit AND status = 'pending'
  AND (($1::text IS NOT NULL AND id = $1::text)
       OR ($1::text IS NULL AND source_type = 'cashback' AND source_reference = $2::text))
RETURNING id, user_id, type, amount, description, source_type, source_reference, status, balance_before,
          balance_after, metadata, processed_at, created_at, held, release_at
