SELECT id, phone_number, role FROM users WHERE id = $1
