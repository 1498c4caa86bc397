-- One ledger row; a row that is not pending is processed when written. $14: it posts to the held
-- account (pending) rather than the balance; $15: when a hold becomes spendable.
INSERT INTO wallet_transactions (id, user_id, seq, type, credit, amount, description, source_type,
                                 source_reference, status, balance_before, balance_after, metadata, processed_at,
                                 held, release_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb,
        CASE WHEN $10 = 'pending' THEN NULL ELSE clock_timestamp() END, $14, $15)
RETURNING id, user_id, type, amount, description, source_type, source_reference, status, balance_before,
          balance_after, metadata, processed_at, created_at, held, release_at
