-- A pending submission; 23505 (earn_completions_one_pending_key) when the user has one already.
WITH c AS (
    INSERT INTO earn_completions (id, project_id, user_id, submission_type, content, metadata)
    VALUES ($1, $2, $3, $4, $5, $6::jsonb)
    RETURNING *
)
SELECT c.id, c.project_id, p.title AS project_title, p.category AS project_category, p.type AS project_type, c.user_id,
       c.status, c.submission_type, c.content, c.metadata, c.payout_paise, c.reason, c.reviewed_at, c.paid_at,
       c.created_at, c.updated_at
FROM c JOIN earn_projects p ON p.id = c.project_id
