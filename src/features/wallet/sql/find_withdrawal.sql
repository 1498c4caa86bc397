SELECT id, user_id, amount, method, upi_id, account_number, ifsc, account_holder, status, reason, transaction_id,
       processed_at, created_at, updated_at
FROM withdrawals
WHERE id = $1
