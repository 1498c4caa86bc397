-- Records a share of a published video: its row, the counter and today's engagement, in one
-- statement. No row when there is no such published video. $1 video, $2 user or null, $3 channel.
WITH video AS (
    SELECT id FROM videos WHERE id = $1 AND is_published
), shared AS (
    INSERT INTO video_shares (video_id, user_id, channel) SELECT id, $2::text, $3::text FROM video RETURNING video_id
), today AS (
    INSERT INTO video_engagement_daily AS d (video_id, day, shares)
    SELECT video_id, (now() AT TIME ZONE 'UTC')::date, 1 FROM shared
    ON CONFLICT (video_id, day) DO UPDATE SET shares = d.shares + 1
)
UPDATE videos v
SET shares = v.shares + 1
FROM shared
WHERE v.id = shared.video_id
RETURNING v.id, v.creator_id, v.views, v.likes, v.shares, v.comments
