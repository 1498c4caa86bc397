-- The categories and linked products of the videos a user liked most recently (video_likes_user_idx).
SELECT v.category, v.product_ids
FROM video_likes l
JOIN videos v ON v.id = l.video_id
WHERE l.user_id = $1 AND v.is_published
ORDER BY l.created_at DESC
LIMIT $2
