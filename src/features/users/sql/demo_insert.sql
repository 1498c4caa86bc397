-- One demo user; nothing happens when the id or the number is taken.
INSERT INTO users (id, phone_number, email, role, first_name, last_name, gender, city, state, pincode,
                   longitude, latitude, language, is_verified, is_onboarded)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'en', true, true)
ON CONFLICT DO NOTHING
