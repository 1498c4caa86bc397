-- Every wallet next to what its ledger says, in one snapshot: the figures summed from the rows, each
-- account's last balance_after (the balance and the held cashback, `pending`), and the first row (in
-- seq order) whose balance_before is not the previous balance_after of its account (0 for the first
-- row) or whose seq leaves a gap. The held total must also equal the pending holds not yet released
-- or reversed.
WITH chain AS (
    SELECT user_id, id, seq, type, credit, held, status, amount, balance_before, balance_after,
           lag(balance_after, 1, 0::bigint) OVER (PARTITION BY user_id, held ORDER BY seq) AS previous_after,
           row_number() OVER (PARTITION BY user_id ORDER BY seq) AS position
    FROM wallet_transactions
), ledger AS (
    SELECT user_id,
           coalesce(sum(CASE WHEN credit THEN amount ELSE -amount END) FILTER (WHERE NOT held), 0)::bigint
               AS balance,
           coalesce(sum(CASE WHEN credit THEN amount ELSE -amount END) FILTER (WHERE held), 0)::bigint AS pending,
           coalesce(sum(amount) FILTER (WHERE held AND credit AND status = 'pending'), 0)::bigint AS open_holds,
           coalesce(sum(amount) FILTER (WHERE type IN ('earning', 'cashback') AND credit AND NOT held), 0)::bigint
               AS total_earned,
           coalesce(sum(amount) FILTER (WHERE type = 'spending'), 0)::bigint AS total_spent,
           count(*)::bigint AS entries,
           coalesce((array_agg(balance_after ORDER BY seq DESC) FILTER (WHERE NOT held))[1], 0) AS last_after,
           coalesce((array_agg(balance_after ORDER BY seq DESC) FILTER (WHERE held))[1], 0) AS last_pending_after,
           (array_agg(id ORDER BY seq) FILTER (WHERE balance_before <> previous_after OR seq <> position))[1]
               AS first_break
    FROM chain
    GROUP BY user_id
)
SELECT coalesce(w.user_id, l.user_id) AS user_id,
       w.user_id IS NOT NULL AS has_wallet,
       coalesce(w.balance, 0) AS wallet_balance,
       coalesce(w.pending, 0) AS wallet_pending,
       coalesce(w.total_earned, 0) AS wallet_total_earned,
       coalesce(w.total_spent, 0) AS wallet_total_spent,
       coalesce(w.entries, 0) AS wallet_entries,
       coalesce(l.balance, 0) AS ledger_balance,
       coalesce(l.pending, 0) AS ledger_pending,
       coalesce(l.open_holds, 0) AS ledger_open_holds,
       coalesce(l.total_earned, 0) AS ledger_total_earned,
       coalesce(l.total_spent, 0) AS ledger_total_spent,
       coalesce(l.entries, 0) AS ledger_entries,
       coalesce(l.last_after, 0) AS last_balance_after,
       coalesce(l.last_pending_after, 0) AS last_pending_after,
       l.first_break
FROM wallets w
FULL JOIN ledger l ON l.user_id = w.user_id
ORDER BY 1
