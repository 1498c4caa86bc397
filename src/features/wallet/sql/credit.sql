-- Adds $2 paise to the user's balance and $3 to total_earned, creating the wallet on its first
-- credit; the row lock it takes orders this user's ledger rows (entries is the new row's seq).
INSERT INTO wallets (user_id, balance, total_earned, entries)
VALUES ($1, $2, $3, 1)
ON CONFLICT (user_id) DO UPDATE
    SET balance = wallets.balance + EXCLUDED.balance,
        total_earned = wallets.total_earned + EXCLUDED.total_earned,
        entries = wallets.entries + 1,
        updated_at = now()
RETURNING balance, pending, total_earned, total_spent, entries
