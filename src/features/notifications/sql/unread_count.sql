SELECT count(*) AS unread
FROM notifications
WHERE user_id = $1 AND NOT is_read AND (expires_at IS NULL OR expires_at > now())
