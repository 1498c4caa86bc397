INSERT INTO refresh_tokens (token_hash, family_id, user_id, access_jti, access_expires_at, created_at, expires_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
