-- The admin list, newest first, keyset on (created_at, id) after ($1, $2) (homepage_banners_created_idx).
SELECT id, title, subtitle, image, link, position, starts_at, ends_at, is_active, created_at, updated_at
FROM homepage_banners
WHERE $1::timestamptz IS NULL OR (created_at, id) < ($1, $2::text)
ORDER BY created_at DESC, id DESC
LIMIT $3
