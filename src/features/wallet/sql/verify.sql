-- Every wallet next to what its ledger says, in one snapshot: the figures summed from the rows,
-- the last row's balance_after, and the first row (in seq order) whose balance_before is not the
-- previous row's balance_after (0 for the first row) or whose seq leaves a gap.
WITH chain AS (
    SELECT user_id, id, seq, type, credit, amount, balance_before, balance_after,
           lag(balance_after, 1, 0::bigint) OVER w AS previous_after,
           row_number() OVER w AS position
    FROM wallet_transactions
    WINDOW w AS (PARTITION BY user_id ORDER BY seq)
), ledger AS (
    SELECT user_id,
           sum(CASE WHEN credit THEN amount ELSE -amount END)::bigint AS balance,
           coalesce(sum(amount) FILTER (WHERE type IN ('earning', 'cashback')), 0)::bigint AS total_earned,
           coalesce(sum(amount) FILTER (WHERE type = 'spending'), 0)::bigint AS total_spent,
           count(*)::bigint AS entries,
           (array_agg(balance_after ORDER BY seq DESC))[1] AS last_after,
           (array_agg(id ORDER BY seq) FILTER (WHERE balance_before <> previous_after OR seq <> position))[1]
               AS first_break
    FROM chain
    GROUP BY user_id
)
SELECT coalesce(w.user_id, l.user_id) AS user_id,
       w.user_id IS NOT NULL AS has_wallet,
       coalesce(w.balance, 0) AS wallet_balance,
       coalesce(w.total_earned, 0) AS wallet_total_earned,
       coalesce(w.total_spent, 0) AS wallet_total_spent,
       coalesce(w.entries, 0) AS wallet_entries,
       coalesce(l.balance, 0) AS ledger_balance,
       coalesce(l.total_earned, 0) AS ledger_total_earned,
       coalesce(l.total_spent, 0) AS ledger_total_spent,
       coalesce(l.entries, 0) AS ledger_entries,
       coalesce(l.last_after, 0) AS last_balance_after,
       l.first_break
FROM wallets w
FULL JOIN ledger l ON l.user_id = w.user_id
ORDER BY 1
