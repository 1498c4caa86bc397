-- A new video; no row back when its id is taken (the demo data's fixed ids, seeded twice).
INSERT INTO videos (id, title, description, creator_id, category, video_url, thumbnail_url, tags, product_ids,
                    duration_seconds, is_published, is_featured)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
ON CONFLICT (id) DO NOTHING
RETURNING id, title, description, creator_id, category, video_url, thumbnail_url, tags, product_ids, duration_seconds, views, likes, shares, comments, trending_score, is_published, is_featured, created_at, updated_at
