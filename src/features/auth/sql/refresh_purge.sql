-- Refresh tokens expired before $1 can do nothing any more; a few are removed on each login.
DELETE FROM refresh_tokens
WHERE token_hash IN (SELECT token_hash FROM refresh_tokens WHERE expires_at < $1 ORDER BY expires_at LIMIT 100)
