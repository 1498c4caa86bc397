INSERT INTO withdrawals (id, user_id, amount, method, upi_id, account_number, ifsc, account_holder, transaction_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
RETURNING id, user_id, amount, method, upi_id, account_number, ifsc, account_holder, status, reason, transaction_id,
       processed_at, created_at, updated_at
