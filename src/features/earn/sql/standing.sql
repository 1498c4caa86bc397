-- How many of the user's completions of the project are pending and approved.
SELECT count(*) FILTER (WHERE status = 'pending') AS pending,
       count(*) FILTER (WHERE status = 'approved') AS approved
FROM earn_completions
WHERE user_id = $1 AND project_id = $2
