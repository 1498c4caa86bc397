-- Revokes every refresh token of family $1 at $2, and the access tokens issued with them that
-- have not expired yet.
WITH revoked AS (
    UPDATE refresh_tokens SET revoked_at = $2
    WHERE family_id = $1 AND revoked_at IS NULL
    RETURNING access_jti, access_expires_at
)
INSERT INTO revoked_access_tokens (jti, expires_at)
SELECT access_jti, access_expires_at FROM revoked WHERE access_expires_at > $2
ON CONFLICT (jti) DO NOTHING
