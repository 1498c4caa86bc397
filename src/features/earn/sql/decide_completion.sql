-- Records a review: $2 approved (with $3 the payout) or rejected (with $4 the reason), by $5.
UPDATE earn_completions c
SET status = $2, payout_paise = $3::bigint, reason = $4::text, reviewed_by = $5, reviewed_at = now(),
    paid_at = CASE WHEN $2 = 'approved' THEN now() END, updated_at = now()
FROM earn_projects p
WHERE c.id = $1 AND p.id = c.project_id
RETURNING c.id, c.project_id, p.title AS project_title, p.category AS project_category, p.type AS project_type, c.user_id,
       c.status, c.submission_type, c.content, c.metadata, c.payout_paise, c.reason, c.reviewed_at, c.paid_at,
       c.created_at, c.updated_at
