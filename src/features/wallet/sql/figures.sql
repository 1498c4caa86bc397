-- A user's figures (zero before the first ledger row) and the money held by pending withdrawals.
SELECT coalesce(w.balance, 0) AS balance,
       coalesce(w.pending, 0) AS pending,
       coalesce(w.total_earned, 0) AS total_earned,
       coalesce(w.total_spent, 0) AS total_spent,
       (SELECT coalesce(sum(amount), 0)::bigint FROM withdrawals
        WHERE user_id = $1 AND status = 'pending') AS pending_withdrawals
FROM (SELECT $1::text AS user_id) u
LEFT JOIN wallets w ON w.user_id = u.user_id
