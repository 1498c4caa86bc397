-- An edit: every editable field is given (the service merged the changes into the current row).
UPDATE videos
SET title = $2, description = $3, category = $4, thumbnail_url = $5, tags = $6, product_ids = $7,
    is_published = $8, is_featured = $9, updated_at = now()
WHERE id = $1
RETURNING id, title, description, creator_id, category, video_url, thumbnail_url, tags, product_ids, duration_seconds, views, likes, shares, comments, trending_score, is_published, is_featured, created_at, updated_at
