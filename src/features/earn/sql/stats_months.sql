-- What a user earned from $2 (the start of this month) and from $3 (of last month) to $2.
SELECT count(*) FILTER (WHERE paid_at >= $2) AS this_count,
       coalesce(sum(payout_paise) FILTER (WHERE paid_at >= $2), 0)::bigint AS this_paise,
       count(*) FILTER (WHERE paid_at < $2) AS last_count,
       coalesce(sum(payout_paise) FILTER (WHERE paid_at < $2), 0)::bigint AS last_paise
FROM earn_completions
WHERE user_id = $1 AND status = 'approved' AND paid_at >= $3
