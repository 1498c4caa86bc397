-- Adds $2 paise to the user's held cashback (pending), creating the wallet on its first row.
INSERT INTO wallets (user_id, pending, entries)
VALUES ($1, $2, 1)
ON CONFLICT (user_id) DO UPDATE
    SET pending = wallets.pending + EXCLUDED.pending,
        entries = wallets.entries + 1,
        updated_at = now()
RETURNING balance, pending, total_earned, total_spent, entries
