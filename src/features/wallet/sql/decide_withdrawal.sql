-- Completes or fails a pending withdrawal; no row when it is not pending (or not there).
UPDATE withdrawals
SET status = $2, reason = $3, processed_at = clock_timestamp(), updated_at = clock_timestamp()
WHERE id = $1 AND status = 'pending'
RETURNING id, user_id, amount, method, upi_id, account_number, ifsc, account_holder, status, reason, transaction_id,
       processed_at, created_at, updated_at
