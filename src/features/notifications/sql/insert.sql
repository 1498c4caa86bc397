INSERT INTO notifications (id, user_id, title, message, type, category, data, expires_at)
VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::timestamptz)
RETURNING id, user_id, title, message, type, category, data, is_read, read_at, expires_at, created_at
