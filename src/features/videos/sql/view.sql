-- Counts a view of a published video unless one of this viewer's keys had a view counted under an
-- hour ago: the keys' rows, the counter and today's engagement move together, in one statement. A
-- key's row is stamped only when it is stale, so the view counts when every key was stamped (a
-- concurrent view sharing a key waits on its row and then finds it fresh). Keys come in one order
-- (rules.cpp), so two views never lock shared rows in opposite orders.
-- No row when there is no such published video. $1 video, $2 the viewer's keys ('user:<id>', or
-- 'device:<id>' and 'address:<ip>').
WITH video AS (
    SELECT id, views FROM videos WHERE id = $1 AND is_published
), stamped AS (
    INSERT INTO video_views AS w (video_id, viewer)
    SELECT video.id, key FROM video, unnest($2::text[]) WITH ORDINALITY AS k (key, n) ORDER BY n
    ON CONFLICT (video_id, viewer) DO UPDATE SET last_counted_at = now()
        WHERE w.last_counted_at <= now() - interval '1 hour'
    RETURNING w.video_id
), counted AS (
    SELECT video_id FROM stamped GROUP BY video_id HAVING count(*) = cardinality($2::text[])
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
