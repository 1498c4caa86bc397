-- Run after lock_video in the same transaction: removes the user's like when there is one, else
-- adds it; videos.likes and today's engagement move by the same amount. Returns the counters.
-- $1 video, $2 user.
WITH removed AS (
    DELETE FROM video_likes WHERE video_id = $1 AND user_id = $2 RETURNING 1
), added AS (
    INSERT INTO video_likes (video_id, user_id)
    SELECT $1::text, $2::text WHERE NOT EXISTS (SELECT 1 FROM removed)
    ON CONFLICT DO NOTHING
    RETURNING 1
), delta AS (
    SELECT (SELECT count(*) FROM added) - (SELECT count(*) FROM removed) AS n
), today AS (
    INSERT INTO video_engagement_daily AS d (video_id, day, likes)
    SELECT $1::text, (now() AT TIME ZONE 'UTC')::date, n FROM delta
    ON CONFLICT (video_id, day) DO UPDATE SET likes = d.likes + EXCLUDED.likes
)
UPDATE videos v
SET likes = v.likes + (SELECT n FROM delta)
WHERE v.id = $1
RETURNING v.id, v.creator_id, v.views, v.likes, v.shares, v.comments, EXISTS (SELECT 1 FROM added) AS liked
