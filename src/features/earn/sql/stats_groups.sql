-- A user's completions counted by status and project category, with what approved ones paid and
-- what pending ones would pay at their project's current reward.
SELECT c.status, p.category, count(*) AS completions,
       coalesce(sum(c.payout_paise), 0)::bigint AS paid_paise,
       coalesce(sum(p.payout_paise) FILTER (WHERE c.status = 'pending'), 0)::bigint AS pending_paise
FROM earn_completions c JOIN earn_projects p ON p.id = c.project_id
WHERE c.user_id = $1
GROUP BY c.status, p.category
ORDER BY p.category, c.status
