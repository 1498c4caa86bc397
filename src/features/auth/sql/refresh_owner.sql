SELECT family_id, user_id FROM refresh_tokens WHERE token_hash = $1
