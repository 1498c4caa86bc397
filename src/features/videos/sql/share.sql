-- Counts a share of a published video unless one of the sharer's keys had a share counted under an
-- hour ago (as view.sql counts views): the keys' rows, the share's row, the counter and today's
-- engagement, in one statement. Always one row with the video's counters (moved or not) when the
-- video is published; none when there is no such published video.
-- $1 video, $2 user or null, $3 channel, $4 the sharer's keys ('user:<id>' or 'address:<ip>').
WITH video AS (
    SELECT id, creator_id, views, likes, shares, comments FROM videos WHERE id = $1 AND is_published
), stamped AS (
    INSERT INTO video_sharers AS s (video_id, sharer)
    SELECT video.id, key FROM video, unnest($4::text[]) WITH ORDINALITY AS k (key, n) ORDER BY n
    ON CONFLICT (video_id, sharer) DO UPDATE SET last_counted_at = now()
        WHERE s.last_counted_at <= now() - interval '1 hour'
    RETURNING s.video_id
), counted AS (
    SELECT video_id FROM stamped GROUP BY video_id HAVING count(*) = cardinality($4::text[])
), shared AS (
    INSERT INTO video_shares (video_id, user_id, channel) SELECT video_id, $2::text, $3::text FROM counted
    RETURNING video_id
), today AS (
    INSERT INTO video_engagement_daily AS d (video_id, day, shares)
    SELECT video_id, (now() AT TIME ZONE 'UTC')::date, 1 FROM shared
    ON CONFLICT (video_id, day) DO UPDATE SET shares = d.shares + 1
), bumped AS (
    UPDATE videos v SET shares = v.shares + 1 FROM shared WHERE v.id = shared.video_id RETURNING v.shares
)
SELECT video.id, video.creator_id, video.views, video.likes,
       COALESCE((SELECT shares FROM bumped), video.shares) AS shares, video.comments,
       EXISTS (SELECT 1 FROM bumped) AS counted
FROM video
