SELECT EXISTS (SELECT 1 FROM revoked_access_tokens WHERE jti = $1) AS revoked
