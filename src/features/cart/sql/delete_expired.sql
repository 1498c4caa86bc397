-- At most $1 carts untouched past their expiry (their items go with them); several processes may
-- run it at once (SKIP LOCKED).
DELETE FROM carts
WHERE id IN (SELECT id FROM carts
             WHERE expires_at < now()
             ORDER BY expires_at
             LIMIT $1
             FOR UPDATE SKIP LOCKED)
