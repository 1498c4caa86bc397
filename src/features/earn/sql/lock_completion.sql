-- The completion a review decides, locked until its transaction ends: a second review waits, then
-- sees the first one's decision.
SELECT status, project_id, user_id
FROM earn_completions
WHERE id = $1
FOR UPDATE
