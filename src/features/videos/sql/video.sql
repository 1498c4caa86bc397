-- One video, published or not (the service decides who may see an unpublished one).
SELECT v.id, v.title, v.description, v.creator_id, v.category, v.video_url, v.thumbnail_url, v.tags, v.product_ids, v.duration_seconds, v.views, v.likes, v.shares, v.comments, v.trending_score, v.is_published, v.is_featured, v.created_at, v.updated_at
FROM videos v
WHERE v.id = $1
