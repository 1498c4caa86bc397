SELECT family_id FROM refresh_tokens WHERE access_jti = $1 LIMIT 1
