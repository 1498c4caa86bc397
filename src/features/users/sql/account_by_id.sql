SELECT id, phone_number, role, session_version FROM users WHERE id = $1
