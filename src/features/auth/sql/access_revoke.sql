INSERT INTO revoked_access_tokens (jti, expires_at) VALUES ($1, $2)
ON CONFLICT (jti) DO UPDATE SET expires_at = greatest(revoked_access_tokens.expires_at, excluded.expires_at)
