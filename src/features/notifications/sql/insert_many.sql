-- One notification per user id; $1 and $2 are arrays of the same length (ids, user ids).
INSERT INTO notifications (id, user_id, title, message, type, category, data, expires_at)
SELECT n.id, n.user_id, $3, $4, $5, $6, $7::jsonb, $8::timestamptz
FROM unnest($1::text[], $2::text[]) AS n (id, user_id)
RETURNING id, user_id, title, message, type, category, data, is_read, read_at, expires_at, created_at
