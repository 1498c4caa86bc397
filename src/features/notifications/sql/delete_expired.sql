-- At most $1 expired notifications; several processes may run it at once (SKIP LOCKED).
DELETE FROM notifications
WHERE id IN (SELECT id FROM notifications
             WHERE expires_at < now()
             ORDER BY expires_at
             LIMIT $1
             FOR UPDATE SKIP LOCKED)
