-- Counts a view of a published video unless this viewer's last counted view of it is under an
-- hour old: the viewer's row, the counter and today's engagement move together, in one statement
-- (a concurrent second view of the same viewer waits on the row and then finds it fresh).
-- No row when there is no such published video. $1 video, $2 viewer ('user:<id>' or 'device:<id>').
WITH video AS (
    SELECT id, views FROM videos WHERE id = $1 AND is_published
), counted AS (
    INSERT INTO video_views AS w (video_id, viewer)
    SELECT id, $2::text FROM video
    ON CONFLICT (video_id, viewer) DO UPDATE SET last_counted_at = now()
        WHERE w.last_counted_at <= now() - interval '1 hour'
    RETURNING w.video_id
), today AS (
    INSERT INTO video_engagement_daily AS d (video_id, day, views)
    SELECT video_id, (now() AT TIME ZONE 'UTC')::date, 1 FROM counted
    ON CONFLICT (video_id, day) DO UPDATE SET views = d.views + 1
), bumped AS (
    UPDATE videos v SET views = v.views + 1 FROM counted WHERE v.id = counted.video_id RETURNING v.views
)
SELECT EXISTS (SELECT 1 FROM counted) AS counted,
       COALESCE((SELECT views FROM bumped), video.views) AS views
FROM video
