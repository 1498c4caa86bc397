-- A user's visible notifications, newest first; served by notifications_user_created_idx.
SELECT id, user_id, title, message, type, category, data, is_read, read_at, expires_at, created_at
FROM notifications
WHERE user_id = $1
  AND (expires_at IS NULL OR expires_at > now())
  AND ($2::boolean IS NULL OR is_read = $2::boolean)
  AND ($3::text IS NULL OR category = $3::text)
  AND ($4::timestamptz IS NULL OR (created_at, id) < ($4::timestamptz, $5::text))
ORDER BY created_at DESC, id DESC
LIMIT $6
