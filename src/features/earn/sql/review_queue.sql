-- Completions of one status (and project, when $2 is set), oldest first: the order they are
-- reviewed in. Served by earn_completions_status_created_idx / _project_status_created_idx.
SELECT c.id, c.project_id, p.title AS project_title, p.category AS project_category, p.type AS project_type, c.user_id,
       c.status, c.submission_type, c.content, c.metadata, c.payout_paise, c.reason, c.reviewed_at, c.paid_at,
       c.created_at, c.updated_at
FROM earn_completions c JOIN earn_projects p ON p.id = c.project_id
WHERE c.status = $1
  AND ($2::text IS NULL OR c.project_id = $2::text)
  AND ($3::timestamptz IS NULL OR (c.created_at, c.id) > ($3::timestamptz, $4::text))
ORDER BY c.created_at, c.id
LIMIT $5
