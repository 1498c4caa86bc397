-- The trending score of every video, from its engagement of the last 7 days (UTC), each day's
-- weight halving every 2 days of age:
--   score = sum over days d of (views + 3 likes + 5 shares + 4 comments) x 0.5^(age_days(d) / 2)
-- (not below 0). Only scores that change are written. Returns how many changed.
WITH scored AS (
    SELECT video_id,
           GREATEST(0, sum((views + 3 * likes + 5 * shares + 4 * comments)
                           * power(0.5, ((now() AT TIME ZONE 'UTC')::date - day) / 2.0))) AS score
    FROM video_engagement_daily
    WHERE day > (now() AT TIME ZONE 'UTC')::date - 7
    GROUP BY video_id
), wanted AS (
    SELECT v.id, COALESCE(s.score, 0) AS score
    FROM videos v LEFT JOIN scored s ON s.video_id = v.id
    WHERE v.trending_score IS DISTINCT FROM COALESCE(s.score, 0)
)
UPDATE videos v SET trending_score = wanted.score
FROM wanted
WHERE v.id = wanted.id
