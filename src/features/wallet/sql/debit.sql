-- Takes $2 paise from the user's balance and adds $3 to total_spent, only when the balance covers
-- it: the condition is checked again on the locked row, so concurrent debits never overdraw. Held
-- cashback (pending) is never taken.
UPDATE wallets
SET balance = balance - $2,
    total_spent = total_spent + $3,
    entries = entries + 1,
    updated_at = now()
WHERE user_id = $1 AND balance >= $2
RETURNING balance, pending, total_earned, total_spent, entries
