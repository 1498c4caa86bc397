-- Marks one of the user's visible notifications read; read_at keeps the first time.
UPDATE notifications
SET is_read = true, read_at = coalesce(read_at, now())
WHERE id = $1 AND user_id = $2 AND (expires_at IS NULL OR expires_at > now())
RETURNING id, user_id, title, message, type, category, data, is_read, read_at, expires_at, created_at
