-- Published videos by trending score (videos_trending_idx), for the homepage.
SELECT id, title, category, video_url, thumbnail_url, product_ids, duration_seconds, views, likes, shares,
       comments, trending_score, created_at
FROM videos
WHERE is_published
ORDER BY trending_score DESC, id DESC
LIMIT $1
