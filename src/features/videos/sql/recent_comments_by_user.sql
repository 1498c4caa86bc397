-- How many comments the user wrote since $2 (the rate limit); served by video_comments_user_idx.
SELECT count(*) AS n FROM video_comments WHERE user_id = $1 AND created_at > $2
