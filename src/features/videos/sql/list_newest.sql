-- GET /videos?sort=newest: published videos by created_at, then id, descending; keyset on (created_at, id).
-- Served by videos_newest_idx / videos_category_newest_idx (GIN indexes for tag and product).
-- $1 category, $2 tag, $3 creator, $4 featured, $5 product, $6/$7 cursor (microseconds since the epoch, id), $8 limit.
SELECT v.id, v.title, v.description, v.creator_id, v.category, v.video_url, v.thumbnail_url, v.tags, v.product_ids, v.duration_seconds, v.views, v.likes, v.shares, v.comments, v.trending_score, v.is_published, v.is_featured, v.created_at, v.updated_at
FROM videos v
WHERE v.is_published
  AND ($1::text IS NULL OR v.category = $1::text)
  AND ($2::text IS NULL OR v.tags @> ARRAY[$2::text])
  AND ($3::text IS NULL OR v.creator_id = $3::text)
  AND ($4::boolean IS NULL OR v.is_featured = $4::boolean)
  AND ($5::text IS NULL OR v.product_ids @> ARRAY[$5::text])
  AND ($7::text IS NULL OR (v.created_at, v.id) < (timestamptz 'epoch' + $6::bigint * interval '1 microsecond', $7::text))
ORDER BY v.created_at DESC, v.id DESC
LIMIT $8
