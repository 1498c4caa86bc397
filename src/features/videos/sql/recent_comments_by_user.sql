-- The user's comments since $2 and the oldest of them (the rate limit's window); served by
-- video_comments_user_idx. Run after lock_commenter in the transaction that inserts.
SELECT count(*) AS n, min(created_at) AS oldest FROM video_comments WHERE user_id = $1 AND created_at > $2
