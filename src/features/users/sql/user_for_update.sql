-- A user row locked until the transaction ends (read-modify-write of the profile).
-- The same columns as user_by_id.sql and repository.cpp's kUserColumns.
SELECT id, phone_number, email, role,
       first_name, last_name, avatar_url, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth, gender,
       address, city, state, pincode, longitude, latitude,
       language, notifications, preferred_categories, theme,
       is_verified, is_onboarded, last_login, created_at, updated_at
FROM users
WHERE id = $1
FOR UPDATE
