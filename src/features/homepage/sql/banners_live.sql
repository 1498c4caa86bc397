-- The banners on the home screen now: active, inside their window, by position
-- (homepage_banners_live_idx).
SELECT id, title, subtitle, image, link, position, starts_at, ends_at, is_active, created_at, updated_at
FROM homepage_banners
WHERE is_active AND (starts_at IS NULL OR starts_at <= now()) AND (ends_at IS NULL OR ends_at > now())
ORDER BY position, created_at, id
LIMIT $1
