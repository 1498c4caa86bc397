-- Run after lock_video in the same transaction: the comment, the counter and today's engagement.
-- $1 id, $2 video, $3 user, $4 text.
WITH added AS (
    INSERT INTO video_comments (id, video_id, user_id, text) VALUES ($1, $2, $3, $4)
    RETURNING id, video_id, user_id, text, created_at
), today AS (
    INSERT INTO video_engagement_daily AS d (video_id, day, comments)
    VALUES ($2, (now() AT TIME ZONE 'UTC')::date, 1)
    ON CONFLICT (video_id, day) DO UPDATE SET comments = d.comments + 1
), bumped AS (
    UPDATE videos v SET comments = v.comments + 1 WHERE v.id = $2
    RETURNING v.views, v.likes, v.shares, v.comments
)
SELECT added.id, added.video_id, added.user_id, added.text, added.created_at,
       bumped.views, bumped.likes, bumped.shares, bumped.comments
FROM added, bumped
