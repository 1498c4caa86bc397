-- Nothing is returned when the phone number already has an account (a concurrent first login).
INSERT INTO users (id, phone_number, role)
VALUES ($1, $2, $3)
ON CONFLICT (phone_number) DO NOTHING
RETURNING id, phone_number, role, session_version
