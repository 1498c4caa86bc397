UPDATE users
SET last_login = now(), is_verified = true, updated_at = now()
WHERE id = $1
