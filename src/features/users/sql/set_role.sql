UPDATE users
SET role = $2, updated_at = CASE WHEN role = $2 THEN updated_at ELSE now() END
WHERE id = $1
RETURNING id, phone_number, role, session_version
