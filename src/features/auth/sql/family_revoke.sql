-- Revokes every refresh token of family $1 at $2; `revoked` counts those that were live (none: the
-- family was revoked already). Its access tokens are refused through session_revocations.
WITH revoked AS (
    UPDATE refresh_tokens SET revoked_at = $2
    WHERE family_id = $1 AND revoked_at IS NULL
    RETURNING 1
)
SELECT count(*) AS revoked FROM revoked
