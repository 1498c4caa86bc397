-- What each product's published videos drew per UTC day over the last $1 days (age 0: today),
-- weighted as a video's trending score weighs it: views + 3 likes + 5 shares + 4 comments.
SELECT p.product_id,
       (now() AT TIME ZONE 'UTC')::date - d.day AS age_days,
       sum(d.views + 3 * d.likes + 5 * d.shares + 4 * d.comments)::bigint AS points
FROM video_engagement_daily d
JOIN videos v ON v.id = d.video_id AND v.is_published
CROSS JOIN LATERAL unnest(v.product_ids) AS p (product_id)
WHERE d.day > (now() AT TIME ZONE 'UTC')::date - $1::int
GROUP BY p.product_id, d.day
