-- Revocations of tokens that expired before $1 are no longer needed.
DELETE FROM revoked_access_tokens
WHERE jti IN (SELECT jti FROM revoked_access_tokens WHERE expires_at < $1 ORDER BY expires_at LIMIT 100)
