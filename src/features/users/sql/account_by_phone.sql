SELECT id, phone_number, role, session_version FROM users WHERE phone_number = $1
