-- Run after lock_video in the same transaction: removes the comment; the counter and today's
-- engagement move back. No row when it was gone already. $1 comment, $2 video.
WITH removed AS (
    DELETE FROM video_comments WHERE id = $1 AND video_id = $2 RETURNING video_id
), today AS (
    INSERT INTO video_engagement_daily AS d (video_id, day, comments)
    SELECT video_id, (now() AT TIME ZONE 'UTC')::date, -1 FROM removed
    ON CONFLICT (video_id, day) DO UPDATE SET comments = d.comments - 1
)
UPDATE videos v SET comments = v.comments - 1
FROM removed
WHERE v.id = removed.video_id
RETURNING v.views, v.likes, v.shares, v.comments
