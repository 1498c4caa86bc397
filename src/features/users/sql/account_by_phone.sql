SELECT id, phone_number, role FROM users WHERE phone_number = $1
