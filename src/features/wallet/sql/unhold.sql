-- Takes $2 paise out of the user's held cashback (released or reversed); no row when less is held.
UPDATE wallets
SET pending = pending - $2,
    entries = entries + 1,
    updated_at = now()
WHERE user_id = $1 AND pending >= $2
RETURNING balance, pending, total_earned, total_spent, entries
